//! Bytes in and out: what a file is (content sniffing, zip archives' kinds, PyTorch pickles'
//! structure), state dicts under PyTorch's names as JSON, safetensors and NumPy `.npz`, weights
//! files of every kind a user brings (and the Python for those it cannot read), checkpoints of
//! a whole run, and recorded runs in the PyTorch fixtures' format.

pub mod checkpoint;
pub mod content;
pub mod npz_file;
pub mod pickle;
pub mod python;
pub mod record;
pub mod record_writer;
pub mod safetensors_file;
pub mod state_dict;
pub mod state_dict_json;
pub mod to_safetensors;
pub mod weights_file;
pub mod zip_archive;
