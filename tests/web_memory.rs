//! Running out of wasm memory is an Error that says how much the configuration needs,
//! and everything keeps working afterwards. In a file of its own: it fills the test
//! module's memory up to 4 GB. Run with `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect};
use rnn_playground::wasm::JsTrainer;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A trainer that needs about 30 MB (parameters, gradients, Adam) but little compute per step.
fn big() -> JsValue {
    let obj = Object::new();
    for (k, v) in
        [("cell", JsValue::from("lstm")), ("hidden", 256.into()), ("layers", 4.into()), ("timeStep", 2.into())]
    {
        Reflect::set(&obj, &k.into(), &v).unwrap();
    }
    obj.into()
}

/// Takes all the wasm memory it can get (up to 4 GB), leaving less than 1 MiB free.
fn hog_memory() -> Vec<Vec<u8>> {
    let mut hog = Vec::new();
    let mut chunk = 256 << 20;
    while chunk >= 1 << 20 {
        let mut v: Vec<u8> = Vec::new();
        if v.try_reserve_exact(chunk).is_ok() {
            hog.push(v);
        } else {
            chunk /= 2;
        }
    }
    hog
}

#[wasm_bindgen_test]
fn running_out_of_memory_is_an_error_and_nothing_breaks() {
    let mut before = JsTrainer::new(JsValue::UNDEFINED).unwrap();
    let mut built = JsTrainer::new(big()).unwrap();
    let hog = hog_memory();
    assert!(hog.len() > 8, "the memory should have grown to GBs, got {} chunks", hog.len());
    let Err(err) = JsTrainer::new(big()) else { panic!("no memory left for a big trainer") };
    assert!(err.is_instance_of::<js_sys::Error>());
    let message = Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(
        message
            .starts_with("not enough memory for a LSTM with hidden 256 and 4 layers and time step 2: it needs about "),
        "{message}"
    );
    assert!(message.contains(" MB"), "{message}");
    assert!(message.contains("free() trainers that are no longer used"), "{message}");
    // Exports and imports that need more memory than is left say so instead of trapping.
    for result in [built.export_weights(None).map(|_| ()), built.export_checkpoint().map(|_| ())] {
        let err = result.expect_err("no memory left for the export");
        let message = Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
        assert!(message.starts_with("not enough memory for the export: it needs about "), "{message}");
    }
    let long = JsValue::from_str(&" ".repeat(200_000));
    let err = built.import_weights(long, None).expect_err("no memory left for the import");
    let message = Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(message.starts_with("not enough memory for importWeights(data): data"), "{message}");
    // Trainers built before still train, and once memory is freed a big one builds.
    assert!(built.step().is_finite());
    assert!(before.train(20.into()).unwrap().is_finite());
    drop(hog);
    let mut again = JsTrainer::new(big()).unwrap();
    assert!(again.step().is_finite());
}
