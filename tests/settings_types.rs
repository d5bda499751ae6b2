//! The declarations and the page's copy of the settings table say what the table says:
//! `src/wasm/types.d.ts` holds the choice unions, `TrainerConfig`, `HyperParameters` and
//! `ResolvedTrainerConfig`, `www/rnn-playground.d.ts` the element's `RnnPlaygroundConfig` and
//! `RnnPlaygroundConfigInit` with the page's own settings, exactly as `settings::typescript()`
//! writes them, and `www/settings-schema.js` is `settings::schema_module()`.

use rnn_playground::training::settings::{schema_module, typescript};

fn check(path: &str, expected: &str) {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(
        text.contains(expected),
        "{path} does not hold the declarations the settings table implies; put this text in place of its \
         hand-edited version:\n\n{expected}"
    );
}

#[test]
fn the_engine_declarations_match_the_settings_table() {
    check("src/wasm/types.d.ts", &typescript().0);
}

#[test]
fn the_element_declarations_match_the_settings_table() {
    check("www/rnn-playground.d.ts", &typescript().1);
}

#[test]
fn the_pages_copy_of_the_table_matches_it() {
    let expected = schema_module();
    let path = "www/settings-schema.js";
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
    assert!(text == expected, "{path} is not the settings table's text; write this into it:\n\n{expected}");
}
