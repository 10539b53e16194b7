# Debian's ONNX checker (python3-onnx 1.12) on an exported file, with shape inference (full_check), plus
# the versions issue 17 asks for: IR version <= 8, default-domain opset <= 17.
import sys

import onnx

for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    assert model.ir_version <= 8, f"{path}: IR version {model.ir_version} > 8"
    for opset in model.opset_import:
        assert opset.domain in ("", "ai.onnx") and opset.version <= 17, f"{path}: opset {opset}"
    print(f"{path}: ONNX checker ok (IR {model.ir_version}, opset {model.opset_import[0].version})")
