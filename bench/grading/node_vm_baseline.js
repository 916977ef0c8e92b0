// Baseline: the same grader and the same inputs in Node's `vm` module, one context per worker
// thread, the script compiled once. Two variants: with a per-call timeout (the only way `vm`
// can stop a runaway call, so the same safety as ours) and without (raw speed, no safety).
// Usage: node node_vm_baseline.js GRADER.js INPUTS_FILE [CALLS] [THREADS]
const { Worker, isMainThread, parentPort, workerData } = require("worker_threads");
const fs = require("fs");
const vm = require("vm");

if (isMainThread) {
  const [graderPath, inputsPath, callsArg, threadsArg] = process.argv.slice(2);
  const calls = Number(callsArg || 400000);
  const threads = Number(threadsArg || 2);
  const run = (variant) =>
    new Promise((resolve) => {
      let done = 0, checksum = 0, started = process.hrtime.bigint();
      for (let t = 0; t < threads; t++) {
        const share = Math.floor(calls / threads) + (t < calls % threads ? 1 : 0);
        const worker = new Worker(__filename, { workerData: { graderPath, inputsPath, share, offset: t, stride: threads, variant } });
        worker.on("message", (sum) => {
          checksum += sum;
          if (++done === threads) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            resolve({ engine: "node-vm-" + variant, calls, threads, seconds: +seconds.toFixed(3),
                      calls_per_s: Math.round(calls / seconds), checksum: +checksum.toFixed(1) });
          }
        });
      }
    });
  (async () => {
    console.log(JSON.stringify(await run("timeout")));
    console.log(JSON.stringify(await run("no-timeout")));
  })();
} else {
  const { graderPath, inputsPath, share, offset, stride, variant } = workerData;
  const inputs = fs.readFileSync(inputsPath, "utf8").split("\n").filter(Boolean);
  const context = vm.createContext({});
  new vm.Script(fs.readFileSync(graderPath, "utf8"), { filename: "grader.js" }).runInContext(context);
  const call = new vm.Script("grade(JSON.parse(__input))");
  const direct = vm.runInContext("(text) => grade(JSON.parse(text))", context);
  let sum = 0;
  for (let i = 0; i < share; i++) {
    const text = inputs[(offset + i * stride) % inputs.length];
    let result;
    if (variant === "timeout") {
      context.__input = text;
      result = call.runInContext(context, { timeout: 100 });
    } else {
      result = direct(text);
    }
    sum += typeof result === "number" ? result : result.score;
  }
  parentPort.postMessage(sum);
}
