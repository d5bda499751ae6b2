//! Bytes in and out: what a file is (content sniffing), state dicts under PyTorch's names as
//! JSON and safetensors, weights files of every kind a user brings, checkpoints of a whole
//! run, and recorded runs in the PyTorch fixtures' format.

pub mod checkpoint;
pub mod content;
pub mod record;
pub mod record_writer;
pub mod safetensors_file;
pub mod state_dict;
pub mod state_dict_json;
pub mod weights_file;
