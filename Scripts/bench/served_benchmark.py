"""The part FlowBench's PyTorch baselines share (dit_bench.py, crossflows_bench.py): warm up, then either serve
FlowBench's interleaved protocol or time a few runs on their own.

Protocol (`--serve`): print "ready" once warmed up; for every stdin line "steps N" run N training steps, for
"sample N" N sampling runs, and print one line of "wall/cpu" milliseconds per run (wall clock and this thread's CPU
time, time.thread_time; with one thread, PyTorch's work runs on it). Exit at end of input.
"""
import statistics
import sys

import torch


def add_common_arguments(parser):
    """The options every served benchmark takes."""
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--serve", action="store_true")


def run(arguments, step, sample, describe):
    """Warms up `step` (returning wall/cpu ms) and `sample(steps)`, then serves or prints `describe(step_ms, sample_ms)`."""
    torch.set_num_threads(arguments.threads)
    for _ in range(arguments.warmup):
        step()
    sample(2)  # a short sampling: the first inference-mode calls
    if arguments.serve:
        print("ready", flush=True)
        for line in sys.stdin:
            words = line.split()
            if len(words) != 2 or words[0] not in ("steps", "sample"):
                print(f"error: expected 'steps N' or 'sample N', got {line.strip()!r}", flush=True)
                continue
            body = step if words[0] == "steps" else sample
            print(" ".join("%.3f/%.3f" % body() for _ in range(int(words[1]))), flush=True)
        return
    times = [step()[0] for _ in range(arguments.steps)]
    sampling = sample()[0]
    print(f"torch {torch.__version__}, {arguments.threads} threads: training step best {min(times):.1f} ms, "
          f"median {statistics.median(times):.1f} ms; " + describe(sampling))
