# Sourced by the gateway benchmarks: nginx as the plain reverse-proxy baseline (one worker,
# upstream keep-alive, no buffering either way), the floor for any proxy.
# write_nginx_config FOLDER UPSTREAM_PORT LISTEN_PORT writes FOLDER/nginx.conf; run it with
#   nginx -p FOLDER -c FOLDER/nginx.conf -g 'daemon off;'
write_nginx_config() {
  local folder=$1 upstream_port=$2 listen_port=$3
  mkdir -p "$folder"
  cat > "$folder/nginx.conf" <<NGINX
worker_processes 1;
pid $folder/nginx.pid;
error_log $folder/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  upstream bench { server 127.0.0.1:$upstream_port; keepalive 512; }
  server {
    listen 127.0.0.1:$listen_port;
    location / {
      proxy_pass http://bench;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
    }
  }
}
NGINX
}
