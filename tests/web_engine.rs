//! The engine and its JS API inside the browser's wasm: fixture parity with the same
//! tolerances as natively, a step that allocates nothing, the Trainer API and its errors, and
//! the chart functions drawing a real trainer. Run with `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use rnn_playground::engine::linalg::uses_matrixmultiply;
use rnn_playground::files::record::Record;
use rnn_playground::files::state_dict::Source;
use rnn_playground::wasm::{default_config, draw_strip, validate_config, JsTrainer};
use rnn_playground::{files::state_dict_json, CellKind, Config, Trainer};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

mod counting_allocator;
mod web_util;

use counting_allocator::allocations;

use web_util::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every fixture of tests/fixtures: the tutorial's size, and stacks whose window products are
/// large enough for matrixmultiply (the LSTM's and the GRU's) or not (the relu RNN's).
const FIXTURES: [(&str, &str); 8] = [
    ("rnn", include_str!("fixtures/rnn_h32_seed1.json")),
    ("lstm", include_str!("fixtures/lstm_h32_seed1.json")),
    ("gru", include_str!("fixtures/gru_h32_seed1.json")),
    ("lstm 2 layers", include_str!("fixtures/lstm_h48_l2_t20_seed2.json")),
    ("gru 3 layers", include_str!("fixtures/gru_h40_l3_t15_seed5.json")),
    ("rnn relu 2 layers", include_str!("fixtures/rnn_relu_h36_l2_t12_seed2.json")),
    ("gru adam weight decay", include_str!("fixtures/gru_adam_wd0.01_h32_seed3.json")),
    ("rnn sgd momentum weight decay", include_str!("fixtures/rnn_sgd_m0.9_wd0.01_h32_seed4.json")),
];

/// The flat parameters of a recorded run's state dict, for `trainer`'s network.
fn params_of(trainer: &Trainer, dict: &serde_json::Value) -> Vec<f32> {
    state_dict_json::from_value(&trainer.network().layout, dict, &trainer.model(), Source::Weights).unwrap()
}

#[wasm_bindgen_test]
fn fixtures_match_pytorch_in_wasm() {
    for (name, text) in FIXTURES {
        let record = Record::parse(text).unwrap();
        let mut trainer = Trainer::new(record.config.to_config()).unwrap();
        let initial = params_of(&trainer, &record.initial_state_dict);
        assert!(trainer.network().params.iter().zip(&initial).all(|(a, b)| a.to_bits() == b.to_bits()), "{name}: init");
        for (k, &expected) in record.losses.iter().enumerate() {
            let loss = trainer.step() as f64;
            assert!((loss - expected).abs() <= 1e-5 + 2e-3 * expected.abs(), "{name} step {k}: {loss} vs {expected}");
        }
        let last = params_of(&trainer, &record.final_state_dict);
        let diff = trainer.network().params.iter().zip(&last).map(|(a, b)| (a - b).abs()).fold(0f32, f32::max);
        assert!(diff <= 1e-3, "{name}: final weights differ by {diff}");
    }
}

/// The recurrence kernel of this build (in the relaxed-SIMD build, its own f32x4.relaxed_madd
/// code) against the definition, for every column count to 70: whole blocks and every tail;
/// directly on M, and on the panels of M packed from Mᵀ (the forward pass's W_hhᵀ, transposed
/// in this build's 4 × 4 tiles: simd128 shuffles in the SIMD builds).
#[wasm_bindgen_test]
fn recurrence_kernel_matches_its_definition_for_every_width() {
    use rnn_playground::engine::linalg::{add_matvec_t, panels, Portable};
    for rows in [1, 2, 5, 32, 37] {
        for n in 1..=70 {
            let m: Vec<f32> = (0..rows * n).map(|i| ((i * 37 % 101) as f32 - 50.0) / 64.0).collect();
            let m_t: Vec<f32> = (0..n * rows).map(|i| m[(i % rows) * n + i / rows]).collect();
            let a: Vec<f32> = (0..rows).map(|r| (r as f32 - 1.5) / 4.0).collect();
            let y0: Vec<f32> = (0..n).map(|c| c as f32 / 8.0).collect();
            let want: Vec<f64> = (0..n)
                .map(|c| y0[c] as f64 + (0..rows).map(|r| a[r] as f64 * m[r * n + c] as f64).sum::<f64>())
                .collect();
            let mut y = y0.clone();
            add_matvec_t::<f32, Portable>(&m, &a, &mut y);
            let mut buf = vec![f32::NAN; rows * n];
            let mut y_panels = y0.clone();
            let transposed = ndarray::ArrayView2::from_shape((n, rows), &m_t[..]).unwrap().reversed_axes();
            panels::<f32, Portable>(transposed, &mut buf).add_matvec_t::<Portable>(&a, &mut y_panels);
            for c in 0..n {
                assert!(
                    (y[c] as f64 - want[c]).abs() < 1e-5,
                    "rows {rows}, width {n}, column {c}: {} vs {}",
                    y[c],
                    want[c]
                );
                let got = y_panels[c] as f64;
                assert!(
                    (got - want[c]).abs() < 1e-5,
                    "panels of Mᵀ: rows {rows}, width {n}, column {c}: {got} vs {}",
                    want[c]
                );
            }
        }
    }
}

/// The weight gradients' product C = Aᵀ B of this build's hand loop (in the relaxed-SIMD build,
/// its own f32x4.relaxed_madd blocks of 4 rows × 8 columns) against the definition, for row
/// and column counts through several blocks and every tail, over a C of garbage.
#[wasm_bindgen_test]
fn weight_gradient_product_matches_its_definition() {
    use ndarray::{Array2, ArrayView2};
    use rnn_playground::engine::linalg::{at_b, Portable};
    for t in [1, 3, 10] {
        for g in 1..=13 {
            for n in [2, 7, 8, 9, 16, 17, 33] {
                let a: Vec<f32> = (0..t * g).map(|i| ((i * 37 % 101) as f32 - 50.0) / 64.0).collect();
                let b: Vec<f32> = (0..t * n).map(|i| ((i * 53 % 89) as f32 - 44.0) / 32.0).collect();
                let mut c = Array2::<f32>::from_elem((g, n), f32::NAN);
                let (av, bv) =
                    (ArrayView2::from_shape((t, g), &a[..]).unwrap(), ArrayView2::from_shape((t, n), &b[..]).unwrap());
                at_b::<f32, Portable>(av, bv, &mut c.view_mut());
                for r in 0..g {
                    for j in 0..n {
                        let want: f64 = (0..t).map(|k| a[k * g + r] as f64 * b[k * n + j] as f64).sum();
                        let got = c[[r, j]] as f64;
                        assert!((got - want).abs() < 1e-4, "T {t}, G {g}, N {n}: C[{r}, {j}] = {got} vs {want}");
                    }
                }
            }
        }
    }
}

/// The RNN's tanh(a + b) of this build (in the relaxed-SIMD build, four lanes at a time with
/// fused multiply-adds) against the scalar `fast_tanh`: within 4 ulp, saturated beyond the
/// clamp, NaN kept (a diverged run must stay NaN), for every length's tail.
#[wasm_bindgen_test]
fn tanh_of_a_sum_matches_the_scalar_tanh() {
    use rnn_playground::engine::real::{fast_tanh, tanh_of_sum};
    for n in [1, 3, 4, 5, 8, 31, 32, 33] {
        let a: Vec<f32> = (0..n).map(|i| (i as f32 - 15.5) * 0.37).collect();
        // Every third value special (beyond the clamp, infinite, NaN), in every lane and the tail
        let special = [f32::NAN, f32::INFINITY, -1e30, 9.0, -0.0, -f32::INFINITY, 2.5, -8.5];
        let b: Vec<f32> =
            (0..n).map(|i| if i % 3 == 2 { special[i / 3 % 8] } else { ((i * 7 % 5) as f32 - 2.0) * 0.11 }).collect();
        let mut out = vec![0.0f32; n];
        tanh_of_sum(&a, &b, &mut out);
        for i in 0..n {
            let want = fast_tanh(a[i] + b[i]);
            let ulps = (out[i].to_bits() as i64 - want.to_bits() as i64).abs();
            assert!(
                (want.is_nan() && out[i].is_nan()) || ulps <= 4,
                "n {n}, tanh({} + {}) = {} vs {want}",
                a[i],
                b[i],
                out[i]
            );
        }
    }
}

/// A 2-layer LSTM h48 T20, 5 of whose products a step go to matrixmultiply (layer 0's dW_hh,
/// layer 1's four): from its first step on, a step allocates nothing, matrixmultiply's packing
/// buffer included (`vendor/`). The tests here share one thread, so that buffer may be an
/// earlier test's; tests/allocation.rs checks natively, on new threads, that a trainer makes
/// it when built.
#[wasm_bindgen_test]
fn a_training_step_allocates_nothing() {
    let config = Config { cell: CellKind::Lstm, hidden: 48, layers: 2, time_step: 20, ..Config::default() };
    let mut trainer = Trainer::new(config).unwrap();
    assert_eq!(allocations(|| trainer.train(5)).0, 0);
    // Layer 1's input projection, [20, 48] × [48, 192], is one of them.
    assert!(uses_matrixmultiply::<f32>(20, 48, 192));
}

#[wasm_bindgen_test]
fn trainer_api_defaults_and_training() {
    let mut t = JsTrainer::new(JsValue::UNDEFINED).unwrap();
    let config = t.config();
    assert_eq!(get(&config, "cell").as_string().unwrap(), "rnn");
    assert_eq!(get(&config, "hidden").as_f64(), Some(32.0));
    assert_eq!(get(&config, "timeStep").as_f64(), Some(10.0));
    assert_eq!(get(&config, "task").as_string().unwrap(), "sin-cos");
    assert_eq!(t.step_count(), 0.0);
    let first = t.step();
    assert!(first.is_finite() && first > 0.0);
    let last = t.train(299.0.into()).unwrap();
    assert_eq!(t.step_count(), 300.0);
    assert!(last < 0.05, "the tutorial's run learns within 300 steps, loss {last}");
    assert_eq!(t.losses().length(), 300);
    assert_eq!(t.hidden_states(JsValue::UNDEFINED).unwrap().length(), 10 * 32);
    let w = t.last_window();
    let times: js_sys::Float64Array = get(&w, "t").dyn_into().unwrap();
    assert_eq!(times.length(), 10);
    for key in ["input", "target", "prediction"] {
        let a: js_sys::Float32Array = get(&w, key).dyn_into().unwrap();
        assert_eq!(a.length(), 10, "{key}");
    }
    t.reset(Some(3.0.into())).unwrap();
    assert_eq!(t.step_count(), 0.0);
    assert_eq!(get(&t.config(), "seed").as_f64(), Some(3.0));
}

#[wasm_bindgen_test]
fn bad_settings_throw_errors_naming_field_range_and_value() {
    let cases = [
        (object(&[("hidden", 0.into())]), "hidden must be an integer from 1 to 256, got 0"),
        (object(&[("hidden", 2.5.into())]), "hidden must be an integer from 1 to 256, got 2.5"),
        (object(&[("cell", "cnn".into())]), "cell must be one of rnn, lstm, gru, got \"cnn\""),
        (object(&[("timeStep", 500.into())]), "timeStep must be an integer from 2 to 200, got 500"),
        (object(&[("lr", "fast".into())]), "lr must be a number, got \"fast\""),
        (object(&[("lr", (-1).into())]), "lr must be greater than 0 and at most 10, got -1"),
        (object(&[("seed", (-1).into())]), "seed must be an integer from 0 to 4294967295, got -1"),
        (object(&[("hiden", 8.into())]), "unknown setting \"hiden\""),
        (JsValue::from_str("lstm"), "the configuration must be an object"),
    ];
    for (config, expected) in cases {
        let got = message(JsTrainer::new(config));
        assert!(got.contains(expected), "{got:?} should contain {expected:?}");
    }
    // validateConfig gives the same message without building a trainer.
    assert_eq!(
        validate_config(object(&[("hidden", 0.into())])).as_deref(),
        Some("hidden must be an integer from 1 to 256, got 0")
    );
    assert_eq!(validate_config(object(&[("cell", "gru".into())])), None);
    assert_eq!(get(&default_config(), "hidden").as_f64(), Some(32.0));
    let mut t = JsTrainer::new(object(&[("cell", "gru".into()), ("hidden", 8.into())])).unwrap();
    assert!(message(t.train((-1.0).into())).contains("train(n): n must be an integer from 0 to 10000000, got -1"));
    assert!(message(t.reset(Some(0.5.into())))
        .contains("reset(seed): seed must be an integer from 0 to 4294967295, got 0.5"));
}

#[wasm_bindgen_test]
fn weights_and_checkpoints_round_trip_through_js() {
    let mut a = JsTrainer::new(object(&[("cell", "lstm".into()), ("hidden", 8.into())])).unwrap();
    a.train(50.0.into()).unwrap();
    let checkpoint = a.export_checkpoint().unwrap();
    let expected: Vec<u32> = (0..50).map(|_| a.step().to_bits()).collect();
    let mut b = JsTrainer::new(JsValue::UNDEFINED).unwrap();
    b.import_checkpoint(checkpoint.into(), None).unwrap();
    let got: Vec<u32> = (0..50).map(|_| b.step().to_bits()).collect();
    assert_eq!(got, expected, "resumed losses are bit-identical");

    let weights = |t: &JsTrainer| t.export_weights(None).unwrap().as_string().unwrap();
    let before = weights(&b);
    let msg = message(b.import_weights("{\"rnn.weight_ih_l0\": 1}".into(), None));
    assert!(
        msg.contains("size mismatch for rnn.weight_ih_l0: the file has shape [], the model needs [32, 1]"),
        "{msg}"
    );
    assert_eq!(weights(&b), before, "a rejected import changes nothing");
    assert!(message(b.import_checkpoint("not json".into(), None)).contains("text that is not JSON"));
    assert_eq!(weights(&b), before);
}

#[wasm_bindgen_test]
fn draw_strip_paints_target_red_and_prediction_blue() {
    // Early in training, so the prediction does not yet cover the target.
    let mut t = JsTrainer::new(JsValue::UNDEFINED).unwrap();
    t.train(6.0.into()).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(800);
    canvas.set_height(400);
    draw_strip(canvas.clone(), &t, object(&[("dark", false.into()), ("pixelRatio", 2.0.into())])).unwrap();
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 800.0, 400.0).unwrap().data();
    let (mut red, mut blue) = (0, 0);
    for px in data.chunks_exact(4) {
        let (r, g, b) = (px[0] as i32, px[1] as i32, px[2] as i32);
        if r > 180 && g < 90 && b < 90 {
            red += 1;
        }
        if b > 150 && r < 80 && g < 160 && g > 60 {
            blue += 1;
        }
    }
    assert!(red > 500, "red target pixels: {red}");
    assert!(blue > 500, "blue prediction pixels: {blue}");
    // Missing options fall back to light and pixel ratio 1.
    draw_strip(canvas, &t, JsValue::UNDEFINED).unwrap();
}
