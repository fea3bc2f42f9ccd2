#!/usr/bin/python3
"""Trains the small model that `cryptorch demo` runs privately, and exports it with held-out test samples.

Data: Debian's dataset-fashion-mnist (falls back to the digits CSV inside python3-sklearn when it is absent).
Needs Debian's python3-torch and python3-onnx:
    apt-get install -y python3-torch python3-onnx dataset-fashion-mnist
    /usr/bin/python3 scripts/train_demo_model.py [OUTDIR]
OUTDIR defaults to core/src/main/resources/org/cryptorch/demo. Writes model.onnx (opset 14, dynamic batch),
inputs.npy (float32 [200, 784] or [200, 64], held-out samples), labels.npy (int64) and meta.json (the float
accuracy of the exported model on those samples, as PyTorch computes it).
"""
import glob, gzip, json, os, sys
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)
torch.set_num_threads(2)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "core", "src", "main", "resources", "org",
                                                          "cryptorch", "demo")
SAMPLES = 200


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_mnist():
    def find(name):
        hits = glob.glob("/usr/share/**/" + name, recursive=True)
        if not hits:
            raise FileNotFoundError(name)
        return hits[0]
    x_train = idx(find("train-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255
    y_train = idx(find("train-labels-idx1-ubyte.gz")).astype(np.int64)
    x_test = idx(find("t10k-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255
    y_test = idx(find("t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    return "Fashion-MNIST", x_train, y_train, x_test, y_test


def sklearn_digits():
    hits = glob.glob("/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz")
    data = np.loadtxt(hits[0], delimiter=",")
    x, y = data[:, :-1].astype(np.float32) / 16, data[:, -1].astype(np.int64)
    perm = np.random.RandomState(0).permutation(len(x))
    x, y = x[perm], y[perm]
    return "sklearn digits", x[400:], y[400:], x[:400], y[:400]


def load():
    try:
        return fashion_mnist()
    except FileNotFoundError:
        return sklearn_digits()


def main():
    name, x_train, y_train, x_test, y_test = load()
    features = x_train.shape[1]
    model = nn.Sequential(nn.Linear(features, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
    for _ in range(8):
        model.train()
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt), 64):
            b = perm[i:i + 64]
            opt.zero_grad()
            F.cross_entropy(model(xt[b]), yt[b]).backward()
            opt.step()
    model.eval()
    inputs, labels = x_test[:SAMPLES], y_test[:SAMPLES]
    with torch.no_grad():
        accuracy = float((model(torch.from_numpy(inputs)).argmax(-1).numpy() == labels).mean())
        full = float((model(torch.from_numpy(x_test)).argmax(-1).numpy() == y_test).mean())
    os.makedirs(OUT, exist_ok=True)
    torch.onnx.export(model, torch.from_numpy(inputs[:1]), os.path.join(OUT, "model.onnx"), opset_version=14,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    np.save(os.path.join(OUT, "inputs.npy"), inputs)
    np.save(os.path.join(OUT, "labels.npy"), labels)
    with open(os.path.join(OUT, "meta.json"), "w") as f:
        json.dump({"data": name, "model": f"MLP {features}-64-32-10, ReLU", "samples": SAMPLES,
                   "float_accuracy": accuracy, "float_accuracy_full_test_split": full}, f, indent=1)
    print(f"{name}: float accuracy {accuracy:.4f} on the {SAMPLES} demo samples, {full:.4f} on the test split")


if __name__ == "__main__":
    main()
