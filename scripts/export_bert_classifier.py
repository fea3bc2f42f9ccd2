#!/usr/bin/python3
"""Exports a BERT sequence classifier as users export one from PyTorch: token ids and attention mask in, logits out.

The module reproduces Hugging Face's BertForSequenceClassification in eval mode operation for operation (the
transformers package is not needed): word + position + token-type embeddings (positions and token types 0 from
registered buffers), LayerNorm, the extended attention mask (1 - mask[:, None, None, :]) * float32 min added to the
scores, GELU (erf) feed-forward, the pooler (first token, dense, tanh) and the classifier. Seeded random weights.

Writes DIR/model.onnx (opset 14; inputs input_ids and attention_mask, int64 [batch, sequence]; output logits),
input_ids.npy, attention_mask.npy (the last tokens of the second sequence are padding), logits.npy (PyTorch's).

  /usr/bin/python3 scripts/export_bert_classifier.py --ci         # the tiny one CI runs, into core's test resources
  /usr/bin/python3 scripts/export_bert_classifier.py --out DIR --hidden 128 --layers 4 --heads 4   # larger ones

The CI model: vocabulary 1000, hidden 64, 2 layers of 2 heads, intermediate 256, sequences of 16 tokens.
"""
import argparse
import math
import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
CI_DIR = os.path.join(HERE, "..", "core", "src", "test", "resources", "org", "cryptorch", "bert")


class Embeddings(nn.Module):
    def __init__(self, vocab, hidden, positions, types):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, hidden)
        self.position_embeddings = nn.Embedding(positions, hidden)
        self.token_type_embeddings = nn.Embedding(types, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=1e-12)
        self.register_buffer("position_ids", torch.arange(positions).expand((1, -1)))
        self.register_buffer("token_type_ids", torch.zeros((1, positions), dtype=torch.long))

    def forward(self, input_ids):
        length = input_ids.shape[1]
        token_types = self.token_type_ids[:, :length].expand(input_ids.shape[0], length)
        x = (self.word_embeddings(input_ids) + self.token_type_embeddings(token_types)
             + self.position_embeddings(self.position_ids[:, :length]))
        return self.LayerNorm(x)


class Layer(nn.Module):
    def __init__(self, hidden, heads, intermediate):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_output = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=1e-12)

    def split(self, x):
        b, n, h = x.shape
        return x.view(b, n, self.heads, h // self.heads).permute(0, 2, 1, 3)

    def forward(self, x, extended_mask):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1]) + extended_mask
        context = torch.matmul(nn.functional.softmax(scores, dim=-1), v).permute(0, 2, 1, 3)
        context = context.reshape(x.shape)
        x = self.attention_norm(self.attention_output(context) + x)
        return self.output_norm(self.output(nn.functional.gelu(self.intermediate(x))) + x)


class BertClassifier(nn.Module):
    def __init__(self, vocab, hidden, layers, heads, positions, labels):
        super().__init__()
        self.embeddings = Embeddings(vocab, hidden, positions, 2)
        self.layers = nn.ModuleList([Layer(hidden, heads, 4 * hidden) for _ in range(layers)])
        self.pooler = nn.Linear(hidden, hidden)
        self.classifier = nn.Linear(hidden, labels)

    def forward(self, input_ids, attention_mask):
        # what transformers' get_extended_attention_mask emits
        extended = attention_mask[:, None, None, :].to(torch.float32)
        extended = (1.0 - extended) * torch.finfo(torch.float32).min
        x = self.embeddings(input_ids)
        for layer in self.layers:
            x = layer(x, extended)
        return self.classifier(torch.tanh(self.pooler(x[:, 0])))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--ci", action="store_true", help="the tiny model CI runs, into core's test resources")
    where.add_argument("--out", metavar="DIR")
    parser.add_argument("--vocab", type=int, default=1000)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--heads", type=int, default=2)
    parser.add_argument("--sequence", type=int, default=16)
    parser.add_argument("--labels", type=int, default=2)
    args = parser.parse_args()
    out = CI_DIR if args.ci else args.out
    torch.manual_seed(0)
    model = BertClassifier(args.vocab, args.hidden, args.layers, args.heads, 512, args.labels).eval()
    # two sequences; the second ends in padding (mask 0) that must not change its logits
    generator = torch.Generator().manual_seed(1)
    ids = torch.randint(1, args.vocab, (2, args.sequence), generator=generator)
    mask = torch.ones((2, args.sequence), dtype=torch.long)
    mask[1, args.sequence - 3:] = 0
    ids[1, args.sequence - 3:] = 0
    with torch.no_grad():
        logits = model(ids, mask)
    os.makedirs(out, exist_ok=True)
    torch.onnx.export(model, (ids, mask), os.path.join(out, "model.onnx"), opset_version=14,
                      input_names=["input_ids", "attention_mask"], output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "batch"}, "attention_mask": {0: "batch"},
                                    "logits": {0: "batch"}})
    np.save(os.path.join(out, "input_ids.npy"), ids.numpy())
    np.save(os.path.join(out, "attention_mask.npy"), mask.numpy())
    np.save(os.path.join(out, "logits.npy"), logits.numpy())
    print(f"{sum(p.numel() for p in model.parameters())} parameters -> {out}; logits {logits.numpy().tolist()}")


if __name__ == "__main__":
    main()
