#!/usr/bin/env python3
"""Time all-MiniLM-L6-v2 in PyTorch (transformers BertModel, eager CPU) and the `tokenizers` package on the captions
FlowBench writes, with the same threads and batch size as FlowLab's run.

The pipeline is sentence-transformers' encode(): texts sorted by token count, batches padded to their longest text,
max_seq_length 256, mean pooling over the attention mask, L2 normalisation.
Prints one JSON object: tokenizer_seconds (one encode() per text, sequential), tokenizer_batch_seconds
(encode_batch, Rust threads), embed_seconds (tokenize + model + pooling for all texts), and embeddings of the first
texts for a sanity check.
Usage: python3 Scripts/bench/minilm_bench.py --texts FILE --model FOLDER --threads T --batch B
"""
import argparse
import json
import os
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    arguments = parser.parse_args()
    os.environ["RAYON_NUM_THREADS"] = str(arguments.threads)
    import torch
    from tokenizers import Tokenizer
    from transformers import BertModel

    torch.set_num_threads(arguments.threads)
    texts = open(arguments.texts, encoding="utf-8").read().split("\n")
    if texts and texts[-1] == "":
        texts.pop()
    tokenizer = Tokenizer.from_file(os.path.join(arguments.model, "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(256)

    start = time.perf_counter()
    for text in texts:
        tokenizer.encode(text)
    tokenizer_seconds = time.perf_counter() - start
    start = time.perf_counter()
    tokenizer.encode_batch(texts)
    tokenizer_batch_seconds = time.perf_counter() - start

    model = BertModel.from_pretrained(arguments.model, add_pooling_layer=False).eval()

    def embed(batch_texts):
        encodings = [tokenizer.encode(t).ids for t in batch_texts]
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i]))
        result = torch.empty(len(encodings), model.config.hidden_size)
        with torch.inference_mode():
            for start in range(0, len(order), arguments.batch):
                members = order[start:start + arguments.batch]
                longest = max(len(encodings[i]) for i in members)
                ids = torch.zeros(len(members), longest, dtype=torch.long)
                mask = torch.zeros(len(members), longest, dtype=torch.long)
                for row, i in enumerate(members):
                    ids[row, :len(encodings[i])] = torch.tensor(encodings[i])
                    mask[row, :len(encodings[i])] = 1
                hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
                pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
                result[members] = torch.nn.functional.normalize(pooled, dim=1)
        return result

    embed(texts[:64])  # warm-up
    start = time.perf_counter()
    embeddings = embed(texts)
    embed_seconds = time.perf_counter() - start
    print(json.dumps({"tokenizer_seconds": tokenizer_seconds, "tokenizer_batch_seconds": tokenizer_batch_seconds,
                      "embed_seconds": embed_seconds, "first": embeddings[:4].tolist(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
