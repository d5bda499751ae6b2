//! The one place that says what to do with a weights file this program cannot read but Python
//! can convert: what the file is (`content::describe`), and the one line of Python that turns it
//! into a safetensors file, with the file's real name in it. The page's Import, `importWeights`,
//! `weights=` and `train --init` all give these messages.

use crate::error::Error;
use crate::files::content::{self, Content};
use crate::files::pickle::Pickled;
use crate::files::python::{python_str, subscripts};
use crate::files::zip_archive::ZipKind;
use crate::messages as m;

/// The message for a weights file whose content is `content`, named `name` (a path or a file
/// name, as the user gave it; None: not known), that cannot be loaded as it is; `why` says what
/// stops it when the kind itself is one this program reads (an `.npz`'s compressed arrays).
/// None for a kind Python cannot help with. The line of Python is a value of the message
/// (`{python}`), the same in every language.
pub fn message(content: &Content, name: Option<&str>, why: Option<Error>) -> Option<Error> {
    let line = python_line(content, name)?;
    let what = match content {
        Content::Zip(ZipKind::Npz) => {
            Error::new(m::CONVERT_NPZ).nested("reason", why.unwrap_or_else(|| Error::new(m::NPZ_AS_IS)))
        }
        Content::Zip(ZipKind::Json(entry)) => Error::new(m::CONVERT_ZIP_JSON).quoted("entry", entry),
        Content::Zip(ZipKind::TorchScript) => Error::new(m::CONVERT_TORCHSCRIPT),
        Content::Zip(ZipKind::Torch(holds)) => {
            Error::new(m::CONVERT_PICKLE).nested("what", content::describe_torch(holds))
        }
        Content::TorchPickle(holds) => {
            Error::new(m::CONVERT_LEGACY_PICKLE).nested("what", content::describe_torch(holds))
        }
        _ => return None,
    };
    Some(
        match content {
            Content::Zip(ZipKind::Torch(Pickled::Object(class))) | Content::TorchPickle(Pickled::Object(class)) => {
                Error::new(m::CONVERT_CLASS).text("class", content::class_name(class))
            }
            _ => Error::new(m::CONVERT),
        }
        .nested("what", what)
        .text("python", line),
    )
}

/// The line of Python that reads `name` (or a placeholder of the kind's usual name) and writes
/// its state dict as `<stem>.safetensors` beside it; None for a kind Python cannot help with.
fn python_line(content: &Content, name: Option<&str>) -> Option<String> {
    let default = match content {
        Content::Zip(ZipKind::Npz) => "weights.npz",
        Content::Zip(ZipKind::Json(_)) => "weights.zip",
        _ => "model.pt",
    };
    let file = name.unwrap_or(default);
    let (f, out) = (python_str(file), python_str(&safetensors_name(file)));
    let torch = "import torch; from safetensors.torch import save_file; save_file";
    Some(match content {
        Content::Zip(ZipKind::Torch(holds)) | Content::TorchPickle(holds) => match holds {
            Pickled::StateDict | Pickled::Unknown => format!("{torch}(torch.load({f}), {out})"),
            Pickled::Holder(path) => format!("{torch}(torch.load({f}){}, {out})", subscripts(path)),
            Pickled::Object(_) => format!("{torch}(torch.load({f}, weights_only=False).state_dict(), {out})"),
        },
        Content::Zip(ZipKind::TorchScript) => format!("{torch}(torch.jit.load({f}).state_dict(), {out})"),
        Content::Zip(ZipKind::Npz) => format!(
            "import numpy as np; from safetensors.numpy import save_file; save_file({{k: \
             np.ascontiguousarray(v, dtype=np.float32) for k, v in np.load({f}).items()}}, {out})"
        ),
        Content::Zip(ZipKind::Json(entry)) => format!(
            "import json, zipfile, torch; from safetensors.torch import save_file; save_file({{k: torch.tensor(v) \
             for k, v in json.load(zipfile.ZipFile({f}).open({})).items()}}, {out})",
            python_str(entry)
        ),
        _ => return None,
    })
}

/// `dir/rnn.pt` → `dir/rnn.safetensors`; `rnn` → `rnn.safetensors`.
fn safetensors_name(file: &str) -> String {
    let base = file.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let stem = match file[base..].rfind('.') {
        Some(dot) if dot > 0 => &file[..base + dot],
        _ => file,
    };
    format!("{stem}.safetensors")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_converts_to_a_safetensors_file_beside_it() {
        assert_eq!(safetensors_name("rnn.pt"), "rnn.safetensors");
        assert_eq!(safetensors_name("runs/v1.2/model"), "runs/v1.2/model.safetensors");
        assert_eq!(safetensors_name("ckpt.tar.pth"), "ckpt.tar.safetensors");
        assert_eq!(safetensors_name(".hidden"), ".hidden.safetensors");
    }
}
