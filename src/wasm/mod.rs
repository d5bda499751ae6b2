//! The JavaScript API: translates between JS values and the engine, nothing more.
//! `wasm-pack build --target web` turns it into `pkg/rnn_playground.js`.

mod charts;
mod config;
mod crisp_canvas;
mod errors;
mod trainer;

use wasm_bindgen::prelude::*;

pub use charts::{draw_gradients, draw_hidden, draw_loss, draw_preview, draw_strip, preview_series, strip_series};
pub use config::{config_error, setting_error, validate_setting};
pub use crisp_canvas::CrispCanvas;
#[cfg(feature = "files")]
pub use errors::error_messages;
pub use trainer::{default_config, tasks, validate_config, JsTrainer};

/// Runs when the module is instantiated: panics (which no input should cause) are
/// reported on the console with their message instead of "unreachable".
/// A plain JS object with these fields (what the API returns for windows, layouts, series).
pub(crate) fn object<const N: usize>(fields: [(&str, JsValue); N]) -> JsValue {
    let obj = js_sys::Object::new();
    for (name, value) in fields {
        js_sys::Reflect::set(&obj, &JsValue::from_str(name), &value).expect("setting a field of a fresh object");
    }
    obj.into()
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The API's TypeScript types beyond what wasm-bindgen writes: `TrainerConfig` and the
/// settings' types as `settings::typescript()` writes them (a test checks), and the shapes of
/// the objects the API takes and returns.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");
