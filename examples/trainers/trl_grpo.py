#!/usr/bin/env python3
"""GRPO with Hugging Face TRL on a Reinforge training run (the `external` backend).

Reads the run's split from Reinforge, scores every completion with the dataset's grader on the
reward endpoint, reports progress on the metrics endpoint, saves the tuned model and posts the
result. See README.md in this folder; docs/training.md has the protocol.

Not run on GPUs by Reinforge's test suite: the protocol it speaks is what the suite tests (with
tests/training/external_trainer.mjs). Needs: pip install "trl>=0.17" datasets transformers
accelerate torch (vllm optional, for faster generation with --use-vllm).

Environment (Reinforge sets these for a launched command; export them yourself otherwise):
  REINFORGE_RUN_TOKEN, REINFORGE_TRAIN_URL, REINFORGE_VALID_URL, REINFORGE_REWARD_URL,
  REINFORGE_METRICS_URL, REINFORGE_BASE_MODEL, REINFORGE_HYPERPARAMETERS (JSON object)
Optional:
  OUTPUT_DIR   where the tuned model is saved (default ./grpo-output)
  MODEL_NAME   the name reported as fine_tuned_model (default: OUTPUT_DIR)
  SERVE_URL    where you will serve it, e.g. http://gpu-box:8000/v1 (reported as model_url)
"""

import json
import math
import os
import sys
import urllib.error
import urllib.request

from datasets import Dataset
from transformers import TrainerCallback
from trl import GRPOConfig, GRPOTrainer

TOKEN = os.environ["REINFORGE_RUN_TOKEN"]
TRAIN_URL = os.environ["REINFORGE_TRAIN_URL"]
VALID_URL = os.environ["REINFORGE_VALID_URL"]
REWARD_URL = os.environ["REINFORGE_REWARD_URL"]
METRICS_URL = os.environ["REINFORGE_METRICS_URL"]
BASE_MODEL = os.environ["REINFORGE_BASE_MODEL"]
HYPERPARAMETERS = json.loads(os.environ.get("REINFORGE_HYPERPARAMETERS") or "{}")
OUTPUT_DIR = os.environ.get("OUTPUT_DIR", "grpo-output")
MAX_SAMPLES_PER_REQUEST = 4096  # the reward endpoint's limit


def call(url, body=None, timeout=600):
    """GET (body None) or POST JSON with the run's token; returns the decoded answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="GET" if body is None else "POST")
    request.add_header("Authorization", "Bearer " + TOKEN)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{url} answered {error.code}: {error.read().decode()[:500]}") from error


def text_of(content):
    """Message content as plain text (content parts joined), what chat templates expect."""
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content or ""


def load_split(url):
    """The split as a Dataset with the conversational `prompt` column and `record_id`."""
    rows = []
    for line in call(url).splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        # Only what GRPO needs: the other fields (tools, reference, extras) stay on the
        # Reinforge side, where the grader reads them by record_id.
        prompt = [{"role": m["role"], "content": text_of(m.get("content"))} for m in record["prompt"]]
        rows.append({"prompt": prompt, "record_id": record["record_id"]})
    return Dataset.from_list(rows)


def completion_text(completion):
    # Conversational datasets give [{"role": "assistant", "content": ...}]; standard ones a str.
    if isinstance(completion, str):
        return completion
    return completion[0]["content"] if completion else ""


def reinforge_reward(prompts, completions, record_id, **kwargs):
    """TRL reward function: the dataset's grader, run by Reinforge, in batches."""
    samples = [{"record_id": rid, "output_text": completion_text(c)}
               for rid, c in zip(record_id, completions)]
    rewards = []
    for start in range(0, len(samples), MAX_SAMPLES_PER_REQUEST):
        answer = json.loads(call(REWARD_URL, {"samples": samples[start:start + MAX_SAMPLES_PER_REQUEST]}))
        for score in answer["scores"]:
            if score["score"] is None:
                print(f"reward error: {score['error']}", file=sys.stderr)
            rewards.append(0.0 if score["score"] is None else float(score["score"]))
    return rewards


def post_metrics(body):
    try:
        call(METRICS_URL, body, timeout=60)
    except Exception as error:  # progress reports must not stop training
        print(f"could not report to Reinforge: {error}", file=sys.stderr)


def number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class ReinforgeProgress(TrainerCallback):
    """Posts TRL's logs as Reinforge metric points (GRPO logs `reward`, eval logs `eval_reward`)."""

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        point = {k.replace("/", "_"): v for k, v in logs.items() if number(v)}
        point.update({"step": state.global_step, "total_steps": state.max_steps,
                      "epochs": args.num_train_epochs})
        if number(logs.get("epoch")):
            point["epoch"] = max(1, math.ceil(logs["epoch"]))
        if number(logs.get("reward")):
            point["train_reward_mean"] = logs["reward"]
        if number(logs.get("eval_reward")):
            point["valid_reward_mean"] = logs["eval_reward"]
        post_metrics(point)


def main():
    group_size = int(HYPERPARAMETERS.get("group_size", 8))
    epochs = HYPERPARAMETERS.get("n_epochs", 2)
    batch_size = HYPERPARAMETERS.get("batch_size", "auto")
    train = load_split(TRAIN_URL)
    valid = load_split(VALID_URL)
    post_metrics({"message": f"TRL GRPO: {len(train)} train, {len(valid)} valid prompts, "
                             f"{group_size} samples each, base {BASE_MODEL}", "level": "info"})

    config = GRPOConfig(
        output_dir=OUTPUT_DIR,
        num_train_epochs=epochs if isinstance(epochs, int) else 2,
        learning_rate=float(HYPERPARAMETERS.get("learning_rate", 1e-6)),
        num_generations=group_size,
        # GRPO needs the global batch to be a multiple of num_generations.
        per_device_train_batch_size=group_size * (batch_size if isinstance(batch_size, int) else 1),
        per_device_eval_batch_size=group_size,
        max_completion_length=int(HYPERPARAMETERS.get("max_completion_length", 512)),
        logging_steps=1,
        eval_strategy="steps" if len(valid) else "no",
        eval_steps=int(HYPERPARAMETERS.get("eval_steps", 20)),
        save_strategy="no",
        bf16=bool(HYPERPARAMETERS.get("bf16", True)),  # false on GPUs without bfloat16
        use_vllm=bool(HYPERPARAMETERS.get("use_vllm", False)),
        report_to="none",
    )
    trainer = GRPOTrainer(
        model=BASE_MODEL,
        reward_funcs=reinforge_reward,
        args=config,
        train_dataset=train,
        eval_dataset=valid if len(valid) else None,
        callbacks=[ReinforgeProgress()],
    )
    try:
        trainer.train()
        trainer.save_model(OUTPUT_DIR)
    except BaseException as error:
        post_metrics({"result": {"status": "failed", "error": f"{type(error).__name__}: {error}"}})
        raise
    if trainer.is_world_process_zero():
        # Not best-effort: without this result the run counts as failed, so a fault must show.
        call(METRICS_URL, {"result": {
            "status": "succeeded",
            "fine_tuned_model": os.environ.get("MODEL_NAME", os.path.abspath(OUTPUT_DIR)),
            "model_url": os.environ.get("SERVE_URL"),
        }})


if __name__ == "__main__":
    main()
