#!/usr/bin/python3
"""Exports the model zoo: one model of each torchvision 0.14 classification family, as a user would bring it.

Each model is built with seeded random weights (no download), 10 classes, its batch-norm statistics measured on
seeded random batches (as training would leave them: without that, the activations of many random-weight networks
shrink layer by layer to ~1e-9 at the output, far below 16 fractional bits), in eval mode, and exported with
torch.onnx.export at opset 14 for batch 1 at the smallest input size its family accepts. Per model it writes
DIR/NAME/model.onnx, input.npy (one sample, seeded normal), output.npy (PyTorch's output for it), calib.npy (8 other
seeded samples: the public calibration input from which comparison widths are chosen; with a single one, an input
whose values exceed its range by more than the 2 spare bits makes a comparison wrap) and meta.json (family, input shape, parameter count).

  /usr/bin/python3 scripts/export_zoo.py --ci            # the small models CI runs, into core's test resources
  /usr/bin/python3 scripts/export_zoo.py --out DIR       # every model (the benchmark set), into DIR
  /usr/bin/python3 scripts/export_zoo.py --out DIR resnet18 vit_b_16    # only these

Needs Debian's python3-torch 1.13 and python3-torchvision 0.14 (/usr/bin/python3, not a virtualenv's python).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
from torch import nn
import torchvision.models as tv

HERE = os.path.dirname(os.path.abspath(__file__))
CI_DIR = os.path.join(HERE, "..", "core", "src", "test", "resources", "org", "cryptorch", "zoo")
CLASSES = 10


def conv_relu_maxpool():
    """The smallest network that pools with MaxPool after a convolution (LeNet style)."""
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(4 * 4 * 4, CLASSES))


# name -> (family, constructor, input shape without the batch axis, exported for CI)
def torchvision_model(name, **options):
    """A torchvision 0.14 constructor with random weights and CLASSES classes."""
    return lambda: getattr(tv, name)(num_classes=CLASSES, **options)


def image(size):
    return (3, size, size)


# name -> (family, constructor, input shape without the batch axis, exported for CI); one per line, so the table
# reads as the list of families
MODELS = {"conv_relu_maxpool": ("LeNet-style CNN", conv_relu_maxpool, (1, 8, 8), True)}
# adaptive average pooling to 6x6 (AlexNet) or 7x7 (VGG) exports only from a feature map of a multiple of that size:
# 223 and 224 are the smallest inputs; Inception v3 accepts 75x75 at least; a ViT's input is a multiple of its
# 16x16 patches (32x32: 4 patches and the class token)
for name, family, size, ci, options in [
        ("alexnet", "AlexNet", 223, False, {}),
        ("vgg11", "VGG", 224, False, {}),
        ("resnet18", "ResNet", 32, False, {}),
        ("resnext50_32x4d", "ResNeXt", 32, False, {}),
        ("wide_resnet50_2", "Wide ResNet", 32, False, {}),
        ("squeezenet1_1", "SqueezeNet", 32, False, {}),
        ("densenet121", "DenseNet", 32, False, {}),
        ("googlenet", "GoogLeNet", 32, False, {"aux_logits": False, "init_weights": True}),
        ("inception_v3", "Inception v3", 75, False, {"aux_logits": False, "init_weights": True}),
        ("shufflenet_v2_x0_5", "ShuffleNetV2", 32, True, {}),
        ("mobilenet_v2", "MobileNetV2", 32, False, {}),
        ("mobilenet_v3_small", "MobileNetV3", 32, False, {}),
        ("mnasnet0_5", "MnasNet", 32, False, {}),
        ("efficientnet_b0", "EfficientNet", 32, False, {}),
        ("efficientnet_v2_s", "EfficientNetV2", 32, False, {}),
        ("regnet_y_400mf", "RegNet", 32, False, {}),
        ("convnext_tiny", "ConvNeXt", 32, False, {}),
        ("vit_b_16", "ViT", 32, False, {"image_size": 32}),
        ("swin_t", "Swin", 32, False, {})]:
    MODELS[name] = (family, torchvision_model(name, **options), image(size), ci)
# MobileNetV3 (HardSwish, HardSigmoid) at half width keeps CI's committed models small (1.5 MB instead of 6)
MODELS["mobilenet_v3_small_half"] = ("MobileNetV3", torchvision_model("mobilenet_v3_small", width_mult=0.5),
                                     image(32), True)


def calibrate_batch_norm(model, shape, batches=4, size=8):
    """Sets every batch norm's running mean and variance to the statistics of seeded random batches."""
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    if not norms:
        return
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # a cumulative average over the batches
    model.train()
    generator = torch.Generator().manual_seed(2)
    with torch.no_grad():
        for _ in range(batches):
            model(torch.randn(size, *shape, generator=generator))


def calibration_samples(shape):
    return torch.randn(8, *shape, generator=torch.Generator().manual_seed(3))


def export(name, out_dir):
    family, build, shape, _ = MODELS[name]
    torch.manual_seed(0)
    model = build()
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() >= 2 and not p.any():
                p.normal_(0, 0.02)  # ViT zero-initialises its head: every output would be 0
    calibrate_batch_norm(model, shape)
    model.eval()
    x = torch.randn(1, *shape, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        y = model(x)
    target = os.path.join(out_dir, name)
    os.makedirs(target, exist_ok=True)
    torch.onnx.export(model, x, os.path.join(target, "model.onnx"), opset_version=14, input_names=["input"],
                      output_names=["logits"])
    np.save(os.path.join(target, "input.npy"), x.numpy())
    np.save(os.path.join(target, "output.npy"), y.numpy())
    np.save(os.path.join(target, "calib.npy"), calibration_samples(shape).numpy())
    meta = {"family": family, "input_shape": list(x.shape),
            "parameters": sum(p.numel() for p in model.parameters())}
    with open(os.path.join(target, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    print(f"{name}: {meta['parameters']} parameters, input {list(x.shape)} -> {target}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--ci", action="store_true", help="export the CI models into core's test resources")
    where.add_argument("--out", metavar="DIR", help="export into DIR")
    parser.add_argument("names", nargs="*", help=f"models to export (default: all); known: {', '.join(MODELS)}")
    args = parser.parse_args()
    unknown = [n for n in args.names if n not in MODELS]
    if unknown:
        sys.exit(f"export_zoo.py: unknown model(s) {unknown}; known: {', '.join(MODELS)}")
    names = args.names or [n for n in MODELS if MODELS[n][3] or not args.ci]
    for name in names:
        export(name, CI_DIR if args.ci else args.out)


if __name__ == "__main__":
    main()
