#!/usr/bin/python3
"""Writes the tiny test models with an integer input (token indices) used by core's API tests:
embedding.onnx: ids [N, 3] (int64) -> Gather from a 10x4 embedding table -> MatMul 4x2 -> logits [N, 3, 2];
embedding_sigmoid.onnx: the same with a Sigmoid after the lookup (a site for the tuner). Opset 14.
Needs Debian's python3-onnx:  /usr/bin/python3 scripts/make_embedding_test_model.py
"""
import os
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "..", "core", "src", "test", "resources", "org", "cryptorch", "api")


def write(name, with_sigmoid):
    rng = np.random.RandomState(3)
    table = numpy_helper.from_array(rng.uniform(-1, 1, (10, 4)).astype(np.float32), "table")
    weight = numpy_helper.from_array(rng.uniform(-1, 1, (4, 2)).astype(np.float32), "weight")
    nodes = [helper.make_node("Gather", ["table", "ids"], ["embedded"], axis=0)]
    if with_sigmoid:
        table = numpy_helper.from_array(4 * numpy_helper.to_array(table), "table")
        nodes.append(helper.make_node("Sigmoid", ["embedded"], ["activated"], name="activation"))
    nodes.append(helper.make_node("MatMul", [nodes[-1].output[0], "weight"], ["logits"]))
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["N", 3])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 3, 2])],
        [table, weight])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    onnx.checker.check_model(model)
    out = os.path.join(DIR, name + ".onnx")
    onnx.save(model, out)
    print("wrote", out)


write("embedding", False)
write("embedding_sigmoid", True)
