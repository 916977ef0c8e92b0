#!/usr/bin/env node
// A small external trainer that speaks docs/training.md's trainer protocol, for the tests (and
// as a readable reference for anyone writing one). Node 20, standard library only.
//
// It trains nothing: for TRAINER_STEPS steps it samples answers for a few training records,
// scores them on the reward endpoint (the native body on even steps, OpenRLHF's remote reward
// model body on odd steps), and reports metrics (the metrics endpoint on odd steps, a JSON line
// on stdout on even steps). Then it posts its result.
//
// Inputs (set by Reinforge for a launched command):
//   REINFORGE_RUN_TOKEN, REINFORGE_TRAIN_URL, REINFORGE_VALID_URL, REINFORGE_REWARD_URL,
//   REINFORGE_METRICS_URL, REINFORGE_GATEWAY_URL, REINFORGE_BASE_MODEL, REINFORGE_HYPERPARAMETERS,
//   REINFORGE_RUN_ID and REINFORGE_URL (optional).
// Test knobs:
//   TRAINER_STEPS (10), TRAINER_STEP_MS (200),
//   TRAINER_GATEWAY_KEY   sample the base model through the gateway with this key; without it
//                         the answer is the record's reference for a share of samples that
//                         rises with the step, a wrong answer otherwise
//   TRAINER_MODEL_NAME, TRAINER_MODEL_URL   what the result reports
//   TRAINER_FAIL=1        exit 1 without a result after two steps
//
// Exit status: 0 done, 1 TRAINER_FAIL, 2 a protocol answer had the wrong shape, 3 a request
// failed, 143 SIGTERM.

const env = process.env;

function fatal(code, message) {
  process.stderr.write(`external trainer: ${message}\n`);
  process.exit(code);
}

function required(name) {
  const value = env[name];
  if (!value) fatal(2, `${name} is not set`);
  return value;
}

process.on('SIGTERM', () => {
  process.stdout.write('cancelled\n');
  process.exit(143);
});

const token = required('REINFORGE_RUN_TOKEN');
const trainUrl = required('REINFORGE_TRAIN_URL');
const validUrl = required('REINFORGE_VALID_URL');
const rewardUrl = required('REINFORGE_REWARD_URL');
const metricsUrl = required('REINFORGE_METRICS_URL');
const baseModel = required('REINFORGE_BASE_MODEL');
const gatewayUrl = env.REINFORGE_GATEWAY_URL || '';
const runId = env.REINFORGE_RUN_ID || (trainUrl.match(/\/trainer\/runs\/([^/]+)\//) || [])[1] || 'run';

let hyperparameters;
try {
  hyperparameters = JSON.parse(env.REINFORGE_HYPERPARAMETERS || '{}');
} catch (error) {
  fatal(2, `REINFORGE_HYPERPARAMETERS is not JSON: ${error.message}`);
}
if (hyperparameters === null || typeof hyperparameters !== 'object' || Array.isArray(hyperparameters)) {
  fatal(2, 'REINFORGE_HYPERPARAMETERS is not a JSON object');
}

const totalSteps = Math.max(1, parseInt(env.TRAINER_STEPS || '10', 10));
const stepMs = Math.max(0, parseInt(env.TRAINER_STEP_MS || '200', 10));
const epochs = Number.isInteger(hyperparameters.n_epochs) ? hyperparameters.n_epochs : 2;
const samplesPerPrompt = Math.min(Number.isInteger(hyperparameters.group_size) ? hyperparameters.group_size : 2, 2);
const promptsPerStep = 3;
const evalEvery = 3;
const bearer = { Authorization: `Bearer ${token}` };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Reinforge may restart while a run goes on (it re-attaches to this process): a refused
// connection is tried again for up to a minute before the trainer gives up.
const RECONNECT_MS = 60_000;

async function request(url, { method = 'GET', headers = {}, body } = {}) {
  let response;
  const giveUpAt = Date.now() + RECONNECT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      break;
    } catch (error) {
      const reason = error.cause?.message || error.message;
      if (Date.now() > giveUpAt) fatal(3, `${method} ${url} failed: ${reason}`);
      if (attempt === 1) process.stdout.write(`cannot reach Reinforge (${reason}); retrying\n`);
      await sleep(Math.min(2000, 100 * attempt));
    }
  }
  const text = await response.text();
  if (!response.ok) fatal(3, `${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

async function requestJson(url, options) {
  const text = await request(url, options);
  try {
    return JSON.parse(text);
  } catch {
    fatal(2, `${url} did not answer JSON: ${text.slice(0, 200)}`);
  }
}

async function fetchSplit(url, part) {
  const text = await request(url, { headers: bearer });
  const records = text.split('\n').filter((line) => line.trim() !== '').map((line, index) => {
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      fatal(2, `${part}.jsonl line ${index + 1} is not JSON`);
    }
    if (typeof record.record_id !== 'string' || record.record_id === '') {
      fatal(2, `${part}.jsonl line ${index + 1} has no string record_id`);
    }
    if (!Array.isArray(record.prompt) || record.prompt.length === 0) {
      fatal(2, `${part}.jsonl line ${index + 1} has no prompt messages`);
    }
    if (record.prompt[record.prompt.length - 1].role === 'assistant') {
      fatal(2, `${part}.jsonl line ${index + 1}: the prompt ends with the answer`);
    }
    return record;
  });
  return records;
}

function referenceText(record) {
  const reference = record.reference;
  if (typeof reference === 'string') return reference;
  if (reference && typeof reference === 'object') {
    if (typeof reference.content === 'string') return reference.content;
    return JSON.stringify(reference);
  }
  return '';
}

// A plain chat rendering for OpenRLHF's text fields; Reinforge strips the prompt prefix from
// `query`, whatever template produced it.
function promptText(messages) {
  const content = (message) =>
    typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? '');
  return messages.map((message) => `<|${message.role}|>\n${content(message)}\n`).join('') + '<|assistant|>\n';
}

async function sample(record, step, index, count) {
  if (env.TRAINER_GATEWAY_KEY) {
    const body = { model: baseModel, messages: record.prompt };
    if (Array.isArray(record.tools) && record.tools.length > 0) body.tools = record.tools;
    const answer = await requestJson(`${gatewayUrl}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.TRAINER_GATEWAY_KEY}` },
      body,
    });
    const message = answer?.choices?.[0]?.message;
    if (!message) fatal(2, `the gateway's answer has no choices[0].message: ${JSON.stringify(answer).slice(0, 300)}`);
    if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
      return { tool_calls: message.tool_calls, text: message.content || '' };
    }
    return { text: message.content || '' };
  }
  // The share of right answers rises with the step, so the reward curve rises too.
  const share = step / totalSteps;
  const right = (index + 0.5) / count <= share;
  return { text: right ? referenceText(record) : 'I am not sure.' };
}

function checkNativeAnswer(answer, count) {
  if (!answer || !Array.isArray(answer.scores) || answer.scores.length !== count) {
    fatal(2, `native reward answer needs "scores" with ${count} entries: ${JSON.stringify(answer).slice(0, 300)}`);
  }
  for (const score of answer.scores) {
    if (!score || typeof score !== 'object' || !('score' in score) || !('error' in score)) {
      fatal(2, `native reward score needs "score" and "error": ${JSON.stringify(score)}`);
    }
    if (score.score !== null && typeof score.score !== 'number') fatal(2, `score is not a number: ${JSON.stringify(score)}`);
    if (score.score === null && typeof score.error !== 'string') fatal(2, `a null score needs an error: ${JSON.stringify(score)}`);
  }
  if (answer.mean !== null && typeof answer.mean !== 'number') fatal(2, `"mean" is not a number: ${JSON.stringify(answer.mean)}`);
  const scored = answer.scores.filter((score) => typeof score.score === 'number').map((score) => score.score);
  return scored.length === 0 ? 0 : scored.reduce((a, b) => a + b, 0) / scored.length;
}

function checkOpenRlhfAnswer(answer, count) {
  for (const key of ['rewards', 'scores']) {
    if (!answer || !Array.isArray(answer[key]) || answer[key].length !== count ||
        !answer[key].every((value) => typeof value === 'number')) {
      fatal(2, `OpenRLHF reward answer needs "${key}": ${count} numbers; got ${JSON.stringify(answer).slice(0, 300)}`);
    }
  }
  if (!answer.extra_logs || typeof answer.extra_logs !== 'object' || !Array.isArray(answer.extra_logs.grader_errors)) {
    fatal(2, `OpenRLHF reward answer needs "extra_logs.grader_errors": ${JSON.stringify(answer).slice(0, 300)}`);
  }
  return answer.rewards.reduce((a, b) => a + b, 0) / count;
}

async function scoreNative(batch) {
  const samples = batch.map(({ record, output }) =>
    output.tool_calls
      ? { record_id: record.record_id, tool_calls: output.tool_calls }
      : { record_id: record.record_id, output_text: output.text });
  const answer = await requestJson(rewardUrl, { method: 'POST', headers: bearer, body: { samples } });
  return checkNativeAnswer(answer, samples.length);
}

async function scoreOpenRlhf(batch) {
  // OpenRLHF's remote reward model sets no headers, hence ?token=.
  const prompts = batch.map(({ record }) => promptText(record.prompt));
  const query = batch.map(({ output }, index) => prompts[index] + output.text);
  const labels = batch.map(({ record }) => record.record_id);
  const separator = rewardUrl.includes('?') ? '&' : '?';
  const answer = await requestJson(`${rewardUrl}${separator}token=${encodeURIComponent(token)}`, {
    method: 'POST',
    body: { query, prompts, labels },
  });
  return checkOpenRlhfAnswer(answer, batch.length);
}

async function rollouts(records, step, offset, prompts) {
  const batch = [];
  for (let p = 0; p < Math.min(prompts, records.length); ++p) {
    const record = records[(offset + p) % records.length];
    for (let s = 0; s < samplesPerPrompt; ++s) {
      const index = p * samplesPerPrompt + s;
      batch.push({ record, output: await sample(record, step, index, Math.min(prompts, records.length) * samplesPerPrompt) });
    }
  }
  return batch;
}

async function postMetrics(body) {
  const answer = await requestJson(metricsUrl, { method: 'POST', headers: bearer, body });
  if (!answer || answer.ok !== true) fatal(2, `metrics answer is not {"ok": true}: ${JSON.stringify(answer)}`);
}

const round = (value) => Math.round(value * 10000) / 10000;

async function main() {
  const train = await fetchSplit(trainUrl, 'train');
  const valid = await fetchSplit(validUrl, 'valid');
  if (train.length === 0) fatal(2, 'the train split is empty');

  if (env.REINFORGE_URL && env.REINFORGE_RUN_ID) {
    const run = await requestJson(`${env.REINFORGE_URL.replace(/\/$/, '')}/trainer/runs/${env.REINFORGE_RUN_ID}`, { headers: bearer });
    if (!run || !run.split || run.split.train !== train.length || run.split.valid !== valid.length) {
      fatal(2, `run info's split does not match the files (${train.length}/${valid.length}): ${JSON.stringify(run).slice(0, 300)}`);
    }
    if (run.base_model !== baseModel) fatal(2, `run info's base_model ${run.base_model} is not ${baseModel}`);
  }

  console.log(`external trainer: run ${runId}, ${train.length} train and ${valid.length} valid records, ` +
              `${totalSteps} steps, base model ${baseModel}`);
  await postMetrics({ message: `external trainer started: ${train.length} train, ${valid.length} valid records`, level: 'info' });

  for (let step = 1; step <= totalSteps; ++step) {
    await sleep(stepMs);
    const batch = await rollouts(train, step, (step - 1) * promptsPerStep, promptsPerStep);
    const trainReward = step % 2 === 0 ? await scoreNative(batch) : await scoreOpenRlhf(batch);
    const metrics = {
      step,
      epoch: Math.min(epochs, Math.ceil((step * epochs) / totalSteps)),
      total_steps: totalSteps,
      epochs,
      train_reward_mean: round(trainReward),
      loss: round(1 / (step + 1)),
    };
    if (valid.length > 0 && (step % evalEvery === 0 || step === totalSteps)) {
      metrics.valid_reward_mean = round(await scoreNative(await rollouts(valid, step, 0, 4)));
    }
    console.log(`step ${step}/${totalSteps}: train reward ${metrics.train_reward_mean.toFixed(2)}` +
                (metrics.valid_reward_mean === undefined ? '' : `, valid reward ${metrics.valid_reward_mean.toFixed(2)}`));
    if (step % 2 === 1) {
      await postMetrics(metrics);
    } else {
      console.log(JSON.stringify(metrics));
    }
    if (env.TRAINER_FAIL === '1' && step >= 2) {
      process.stderr.write('external trainer: failing on purpose (TRAINER_FAIL=1)\n');
      process.exit(1);
    }
  }

  await postMetrics({
    result: {
      status: 'succeeded',
      fine_tuned_model: env.TRAINER_MODEL_NAME || `external-tuned-${runId}`,
      model_url: env.TRAINER_MODEL_URL || null,
    },
  });
  console.log('external trainer: done');
}

main().catch((error) => fatal(3, error.stack || String(error)));
