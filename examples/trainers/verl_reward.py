#!/usr/bin/env python3
"""verl on a Reinforge training run: the dataset's grader as verl's custom reward function.

  python3 verl_reward.py prepare DIR      # the split as verl parquet files DIR/train.parquet, DIR/valid.parquet
  ... custom_reward_function.path=$PWD/verl_reward.py custom_reward_function.name=compute_score

Each row keeps the record id as `reward_model.ground_truth`, which verl hands back to
compute_score, which asks Reinforge's reward endpoint for the score. Not run on GPUs by Reinforge's
test suite (see README.md). Needs pandas and pyarrow for `prepare` (verl installs them).

Environment: REINFORGE_RUN_TOKEN, REINFORGE_TRAIN_URL, REINFORGE_VALID_URL, REINFORGE_REWARD_URL.
"""

import json
import os
import sys
import urllib.request


def _call(url, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="GET" if body is None else "POST")
    request.add_header("Authorization", "Bearer " + os.environ["REINFORGE_RUN_TOKEN"])
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=600) as response:
        return response.read().decode()


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """verl's reward signature; `ground_truth` is the Reinforge record id."""
    answer = json.loads(_call(os.environ["REINFORGE_REWARD_URL"],
                              {"samples": [{"record_id": str(ground_truth), "output_text": solution_str}]}))
    score = answer["scores"][0]
    if score["score"] is None:
        print(f"reward error for record {ground_truth}: {score['error']}", file=sys.stderr)
        return 0.0
    return float(score["score"])


def prepare(directory):
    import pandas as pd

    os.makedirs(directory, exist_ok=True)
    for part, url in (("train", os.environ["REINFORGE_TRAIN_URL"]), ("valid", os.environ["REINFORGE_VALID_URL"])):
        rows = []
        for line in _call(url).splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            rows.append({
                "data_source": "reinforge",
                "prompt": [{"role": m["role"], "content": m.get("content") or ""} for m in record["prompt"]],
                "ability": record.get("topic") or "task",
                "reward_model": {"style": "rule", "ground_truth": record["record_id"]},
                "extra_info": {"record_id": record["record_id"]},
            })
        pd.DataFrame(rows).to_parquet(os.path.join(directory, f"{part}.parquet"))
        print(f"{part}: {len(rows)} rows")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "prepare":
        prepare(sys.argv[2])
    else:
        sys.exit(__doc__)
