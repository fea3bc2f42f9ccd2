#!/usr/bin/python3
"""Writes the tiny test models with an integer input (token indices) used by core's API tests:
embedding.onnx: ids [N, 3] (int64) -> Gather from a 10x4 embedding table -> MatMul 4x2 -> logits [N, 3, 2];
embedding_sigmoid.onnx: the same with a Sigmoid after the lookup (a site for the tuner);
and two_inputs.onnx, two inputs and two outputs: a [N, 4] and b [N, 4] (float) -> sum = (a + b) W [N, 3] and
gate = Relu(a V) [N, 2]. Opset 14.
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


def write_two_inputs():
    rng = np.random.RandomState(5)
    w = numpy_helper.from_array(rng.uniform(-1, 1, (4, 3)).astype(np.float32), "W")
    v = numpy_helper.from_array(rng.uniform(-1, 1, (4, 2)).astype(np.float32), "V")
    graph = helper.make_graph(
        [helper.make_node("Add", ["a", "b"], ["ab"]),
         helper.make_node("MatMul", ["ab", "W"], ["sum"]),
         helper.make_node("MatMul", ["a", "V"], ["av"]),
         helper.make_node("Relu", ["av"], ["gate"])],
        "two_inputs",
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, ["N", 4]),
         helper.make_tensor_value_info("b", TensorProto.FLOAT, ["N", 4])],
        [helper.make_tensor_value_info("sum", TensorProto.FLOAT, ["N", 3]),
         helper.make_tensor_value_info("gate", TensorProto.FLOAT, ["N", 2])],
        [w, v])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    onnx.checker.check_model(model)
    out = os.path.join(DIR, "two_inputs.onnx")
    onnx.save(model, out)
    print("wrote", out)


write_two_inputs()
