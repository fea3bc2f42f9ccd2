#!/usr/bin/python3
"""Writes the tiny test model with an integer input (token indices) used by core's API tests:
ids [N, 3] (int64) -> Gather from a 10x4 embedding table -> MatMul 4x2 -> logits [N, 3, 2]. Opset 14.
Needs Debian's python3-onnx:  /usr/bin/python3 scripts/make_embedding_test_model.py
"""
import os
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "core", "src", "test", "resources", "org", "cryptorch", "api", "embedding.onnx")

rng = np.random.RandomState(3)
table = numpy_helper.from_array(rng.uniform(-1, 1, (10, 4)).astype(np.float32), "table")
weight = numpy_helper.from_array(rng.uniform(-1, 1, (4, 2)).astype(np.float32), "weight")
graph = helper.make_graph(
    [helper.make_node("Gather", ["table", "ids"], ["embedded"], axis=0),
     helper.make_node("MatMul", ["embedded", "weight"], ["logits"])],
    "embedding",
    [helper.make_tensor_value_info("ids", TensorProto.INT64, ["N", 3])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 3, 2])],
    [table, weight])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
onnx.checker.check_model(model)
onnx.save(model, OUT)
print("wrote", OUT)
