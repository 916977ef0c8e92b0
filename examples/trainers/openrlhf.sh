#!/usr/bin/env bash
# GRPO with OpenRLHF on a Reinforge training run (the `external` backend): OpenRLHF generates,
# Reinforge scores every sample with the dataset's grader through OpenRLHF's remote reward model
# protocol (--remote_rm_url), and the script reports the result. See README.md in this folder.
#
# Not run on GPUs by Reinforge's test suite; the reward protocol it relies on is tested there
# (tests/training/external_trainer.mjs speaks the same OpenRLHF body). Needs: pip install
# "openrlhf[vllm]" (a version whose advantage estimators include group_norm), curl, python3.
#
# Environment: REINFORGE_RUN_TOKEN, REINFORGE_TRAIN_URL, REINFORGE_REWARD_URL,
# REINFORGE_METRICS_URL, REINFORGE_BASE_MODEL (set by Reinforge for a launched command).
# Optional: WORK_DIR (default ./openrlhf-run), NUM_GPUS (default: all), MODEL_NAME, SERVE_URL,
# and any extra OpenRLHF flags as arguments: bash openrlhf.sh --max_epochs 2
set -euo pipefail

: "${REINFORGE_RUN_TOKEN:?set REINFORGE_RUN_TOKEN (the trainer token of the run)}"
: "${REINFORGE_TRAIN_URL:?}" "${REINFORGE_REWARD_URL:?}" "${REINFORGE_METRICS_URL:?}"
: "${REINFORGE_BASE_MODEL:?}"
WORK_DIR="${WORK_DIR:-openrlhf-run}"
NUM_GPUS="${NUM_GPUS:-$(nvidia-smi -L | wc -l)}"
mkdir -p "$WORK_DIR"

report() {  # POST a metrics-endpoint body (a message or the result)
  curl -fsS -X POST -H "Authorization: Bearer $REINFORGE_RUN_TOKEN" \
    -H "Content-Type: application/json" --data "$1" "$REINFORGE_METRICS_URL" > /dev/null
}

# The split, slimmed to the two columns OpenRLHF reads: `prompt` (chat messages, rendered with
# the model's chat template by --apply_chat_template) and `record_id` (passed back as the label).
curl -fsS -H "Authorization: Bearer $REINFORGE_RUN_TOKEN" "$REINFORGE_TRAIN_URL" \
  -o "$WORK_DIR/train.full.jsonl"
python3 - "$WORK_DIR/train.full.jsonl" "$WORK_DIR/train.jsonl" <<'PY'
import json, sys
with open(sys.argv[1]) as source, open(sys.argv[2], "w") as target:
    for line in source:
        if line.strip():
            record = json.loads(line)
            prompt = [{"role": m["role"], "content": m.get("content") or ""} for m in record["prompt"]]
            target.write(json.dumps({"prompt": prompt, "record_id": record["record_id"]}) + "\n")
PY
report "{\"message\": \"OpenRLHF: $(wc -l < "$WORK_DIR/train.jsonl") prompts, $NUM_GPUS GPUs\", \"level\": \"info\"}"

# OpenRLHF's remote reward model sends no headers, so the token rides in the URL.
if ! python3 -m openrlhf.cli.train_ppo_ray \
    --ref_num_nodes 1 --ref_num_gpus_per_node "$NUM_GPUS" \
    --actor_num_nodes 1 --actor_num_gpus_per_node "$NUM_GPUS" \
    --vllm_num_engines "$NUM_GPUS" --vllm_tensor_parallel_size 1 \
    --colocate_all_models --vllm_gpu_memory_utilization 0.5 --vllm_enable_sleep \
    --pretrain "$REINFORGE_BASE_MODEL" \
    --remote_rm_url "$REINFORGE_REWARD_URL?token=$REINFORGE_RUN_TOKEN" \
    --prompt_data "$WORK_DIR/train.jsonl" \
    --input_key prompt --apply_chat_template --label_key record_id \
    --advantage_estimator group_norm --n_samples_per_prompt 8 \
    --use_kl_loss --kl_estimator k3 --init_kl_coef 1e-3 \
    --micro_train_batch_size 4 --train_batch_size 128 \
    --micro_rollout_batch_size 8 --rollout_batch_size 16 \
    --max_epochs 1 --num_episodes 2 \
    --prompt_max_len 1024 --generate_max_len 1024 \
    --zero_stage 3 --bf16 --actor_learning_rate 1e-6 --gradient_checkpointing \
    --save_path "$WORK_DIR/final" \
    "$@"; then
  report '{"result": {"status": "failed", "error": "openrlhf.cli.train_ppo_ray exited with an error; see the event log"}}'
  exit 1
fi

MODEL_NAME="${MODEL_NAME:-$(cd "$WORK_DIR/final" && pwd)}"
MODEL_URL_JSON=null
if [ -n "${SERVE_URL:-}" ]; then MODEL_URL_JSON="\"$SERVE_URL\""; fi
report "{\"result\": {\"status\": \"succeeded\", \"fine_tuned_model\": \"$MODEL_NAME\", \"model_url\": $MODEL_URL_JSON}}"
