//! Every message the engine's errors give, declared once: a stable code and its English
//! template, whose `{name}`s an `Error`'s values fill. The English text of every error is its
//! template filled in (`Error`'s `Display`); the wasm layer hands JavaScript the code and the
//! values too, and `errorMessages()` lists this table, from which the JS catalogs
//! (www/locales/) write each code in their language (a test fails on a code a catalog lacks).
//! A code never changes meaning; a message whose values change gets a new code.

/// One message: its code and its English template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// Stable, dotted: `checkpoint.newer`.
    pub code: &'static str,
    /// The English text with `{name}` for each value.
    pub english: &'static str,
}

/// The constants of the messages and `MESSAGES`, the list of them all.
macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident = $code:literal => $english:literal;)+) => {
        $($(#[$doc])* pub const $name: Message = Message { code: $code, english: $english };)+
        /// Every message, in the order declared.
        pub const MESSAGES: &[Message] = &[$($name),+];
    };
}

messages! {
    // Values, as messages show them.
    DETAIL = "detail" => "{detail}";
    DETAIL_CUT = "detail.cut" => "{detail}…";
    NOTHING = "value.nothing" => "nothing";
    A_BOOLEAN = "value.boolean" => "a boolean";
    A_NUMBER = "value.number" => "a number";
    A_STRING = "value.string" => "a string";
    AN_ARRAY = "value.array" => "an array";
    AN_OBJECT = "value.object" => "an object";
    A_FUNCTION = "value.function" => "a function";
    A_BIGINT = "value.bigint" => "a BigInt";
    A_SYMBOL = "value.symbol" => "a symbol";
    A_WHOLE_NUMBER = "value.wholeNumber" => "a whole number (0 or more)";
    AN_INTEGER = "value.integer" => "an integer";
    A_STRING_OR_OBJECT = "value.stringOrObject" => "a string or an object";
    AN_OBJECT_ONE_KEY = "value.objectOneKey" => "an object with a single key";
    AN_ARRAY_OF = "value.arrayOf" => "an array of length {length}";

    // JSON text.
    JSON_INVALID = "json.invalid" => "invalid JSON: {detail}";
    JSON_SYNTAX = "json.syntax" => "invalid JSON at line {line}, column {column}: {detail}";
    JSON_NON_FINITE = "json.nonFinite" =>
        "invalid JSON at line {line}, column {column}: {token}; JSON has no NaN or Infinity (Python's json.dump writes them where a number is not finite, as in a model whose training diverged)";
    // serde_json's syntax errors (`serde_errors`), as a `json.syntax`'s detail.
    JSON_EXPECTED_COLON = "json.expectedColon" => "expected a colon (:) after the key";
    JSON_EXPECTED_COMMA_OR_BRACKET = "json.expectedCommaOrBracket" => "expected a comma (,) or the list's closing ]";
    JSON_EXPECTED_COMMA_OR_BRACE = "json.expectedCommaOrBrace" => "expected a comma (,) or the object's closing }";
    JSON_EXPECTED_VALUE = "json.expectedValue" =>
        "expected a value: a number, a string in double quotes, true, false, null, a list [ ] or an object { }";
    JSON_KEY_STRING = "json.keyString" => "a key must be a string in double quotes";
    JSON_TRAILING_COMMA = "json.trailingComma" => "a comma before a closing bracket, which JSON does not allow";
    JSON_TRAILING_CHARACTERS = "json.trailingCharacters" => "more text after the end of the JSON";
    JSON_ESCAPE = "json.escape" =>
        "an invalid escape: a backslash (\\) in a string must be followed by one of \" \\ / b f n r t, or by u and four hex digits";
    JSON_UNICODE_ESCAPE = "json.unicodeEscape" => "an invalid \\u escape in a string: a surrogate (\\ud800 to \\udfff) without its pair";
    JSON_NUMBER = "json.number" => "an invalid number";
    JSON_NUMBER_RANGE = "json.numberRange" => "a number out of range (beyond about 1.8e308)";
    JSON_CONTROL_CHARACTER = "json.controlCharacter" =>
        "a control character, such as a tab or a line break, inside a string, where JSON writes \\t or \\n";
    JSON_DEPTH = "json.depth" => "lists and objects nested too deep (over 128 levels)";
    JSON_UNCLOSED = "json.unclosed" => "it ends before its lists, objects and strings are closed";
    JSON_DATA = "json.data" => "{detail} (at line {line}, column {column})";
    JSON_CUT = "json.cut" =>
        "the file ends in the middle of its JSON (line {line}, column {column}): it looks cut off, as an unfinished download or copy is; save or download it again";

    // A value of the wrong shape for what is read from it (serde's words, `serde_errors`).
    SERDE_MUST_BE = "serde.mustBe" => "must be {expected}, got {got}";
    SERDE_MISSING_FIELD = "serde.missingField" => "the field {name} is missing";
    SERDE_UNKNOWN_FIELD = "serde.unknownField" => "unknown field {name}; the fields here are {fields}";

    // Sizes (`alloc::size`).
    SIZE_BYTES = "size.bytes" => "{count} bytes";
    SIZE_KB = "size.kb" => "{kb} KB";
    SIZE_MB = "size.mb" => "{mb} MB";
    SIZE_GB = "size.gb" => "{gb} GB";

    // Memory.
    MEMORY_FOR = "memory.for" => "not enough memory for {what}: it needs about {size}";
    MEMORY_ARGUMENT = "memory.argument" => "not enough memory for {name}: it needs {size}";
    MEMORY_TRAINER = "memory.trainer" => "not enough memory for a {model} and time step {timeStep}: it needs about {size}";
    MEMORY_TRAINER_FREE = "memory.trainerFree" =>
        "{reason}; free() trainers that are no longer used (wasm memory is at most 4 GB; this one needs {size})";
    MEMORY_MOMENTUM = "memory.momentum" => "not enough memory for SGD's momentum buffer: it needs about {size}";
    MEMORY_IMPORT_COPY = "memory.importCopy" =>
        "not enough memory for a copy of the imported weights: it needs about {size}";
    MEMORY_WEIGHTS = "memory.weights" => "not enough memory for the weights: they need {size}";
    MEMORY_EXPORT_WEIGHTS = "memory.exportWeights" => "not enough memory to export the weights: they need {size}";
    MEMORY_READ = "memory.read" => "not enough memory to read {name}: it needs {size}";
    MEMORY_INFLUENCE = "memory.influence" => "not enough memory for a copy of the network: it needs about {size}";
    THE_WEIGHTS = "noun.weights" => "the weights";
    THE_CHECKPOINT = "noun.checkpoint" => "the checkpoint";
    THE_EXPORT = "noun.export" => "the export";
    THE_STEP_RECORD = "noun.stepRecord" => "the step's record";

    // The network.
    MODEL_ONE_LAYER = "model.oneLayer" => "{cell} with hidden {hidden} and 1 layer";
    MODEL_LAYERS = "model.layers" => "{cell} with hidden {hidden} and {layers} layers";
    ISA_UNAVAILABLE = "isa.unavailable" => "this CPU cannot run the {isa} code path";
    INFLUENCE_STEP = "influence.step" => "the time step must be below the window's {steps} steps, got {t}";

    // Settings and arguments.
    SETTING_INVALID = "setting.invalid" => "{name} must be {accepts}, got {got}";
    ACCEPTS_CHOICE = "accepts.choice" => "one of {choices}";
    ACCEPTS_INTEGER = "accepts.integer" => "an integer from {min} to {max}";
    ACCEPTS_BOOLEAN = "accepts.boolean" => "true or false";
    /// `word`: the setting's word for 0 ("off"), as written in a value (never translated).
    ACCEPTS_WORD_OR_POSITIVE = "accepts.wordOrPositive" => "{word} (0) or a positive number";
    ACCEPTS_WORD_OR_INTEGER = "accepts.wordOrInteger" => "{word} (0) or an integer from {min} to {max}";
    ACCEPTS_AT_LEAST = "accepts.atLeast" => "{min} or more";
    ACCEPTS_ABOVE_BELOW = "accepts.aboveBelow" => "greater than {min} and below {max}";
    ACCEPTS_ABOVE_AT_MOST = "accepts.aboveAtMost" => "greater than {min} and at most {max}";
    ACCEPTS_FROM_BELOW = "accepts.fromBelow" => "from {min} to below {max}";
    ACCEPTS_FROM_TO = "accepts.fromTo" => "from {min} to {max}";
    SETTING_NOT_LIVE = "setting.notLive" =>
        "{key} cannot change during a run (it needs a new Trainer); the settings here are {names}";
    SETTING_UNKNOWN = "setting.unknown" => "unknown setting {key}; the settings here are {names}";
    SETTING_UNKNOWN_NAME = "setting.unknownName" => "unknown setting {key}";
    CONFIG_NOT_OBJECT = "arg.config" => "the configuration must be an object such as {cell: 'lstm', hidden: 16}, got {got}";
    HYPER_NOT_OBJECT = "arg.hyperParameters" =>
        "setHyperParameters(values): values must be an object such as {lr: 0.005}, got {got}";
    ARG_STRING = "arg.string" => "{name} must be a string, got {got}";
    ARG_NUMBER = "arg.number" => "{name} must be a number, got {got}";
    ARG_NUMBER_OR_STRING = "arg.numberOrString" => "{name} must be a number or a numeric string, got {got}";
    ARG_BYTES = "arg.bytes" => "{name} must be a string, a Uint8Array or an ArrayBuffer, got {got}";
    ARG_EXPORT_FORMAT = "arg.exportFormat" =>
        "exportWeights(format): format must be 'json' or 'safetensors', got {got}";
    ARG_EXPORT_FORMAT_TYPE = "arg.exportFormatType" =>
        "exportWeights(format): format must be the string 'json' or 'safetensors', got {got}";
    ARG_SCRIPT_OPTIONS = "arg.scriptOptions" =>
        "pytorchScript(options): options must be an object such as {steps: 100}, got {got}";

    // A run's state (a checkpoint's, checked before it is resumed).
    RESUME_CONFIG = "resume.config" => "the state's configuration is not the trainer's";
    RESUME_OPTIMIZER = "resume.optimizer" => "optimizer differs from the one its config names";
    RESUME_LOSSES = "resume.losses" => "loss history is inconsistent";
    RESUME_START_CONFIG = "resume.startConfig" => "start_config: {reason}";
    RESUME_CHANGES = "resume.changes" => "changes name a step after the state's or a non-finite value";
    STATE_BYTES = "state.bytes" =>
        "these bytes are not a trainer state written by this build of rnn-playground ({detail})";
    MEMORY_STATE = "memory.state" => "not enough memory for a copy of the trainer's state: it needs about {size}";
    STATE_NETWORK = "state.network" => "the state is of another network ({model}); this trainer's is a {mine}";
    VALUES_COUNT = "values.count" => "{what} has {count} values, the model needs {needed}";
    VALUES_FINITE = "values.finite" => "{what} holds a non-finite number";
    DIVERGED = "diverged" =>
        "training diverged at step {step}; reset or import weights (the {what} hold NaN or infinite numbers and cannot be exported)";
    DIVERGED_WEIGHTS = "diverged.weights" => "weights";
    DIVERGED_CHECKPOINT_WEIGHTS = "diverged.checkpointWeights" => "checkpoint's weights";
    DIVERGED_CHECKPOINT_MOMENT = "diverged.checkpointMoment" => "checkpoint's optimizer {name}";
    DIVERGED_CHECKPOINT_HIDDEN = "diverged.checkpointHidden" => "checkpoint's hidden state";
    DIVERGED_CHECKPOINT_CELL = "diverged.checkpointCell" => "checkpoint's cell state";
    SCRIPT_UNKNOWN_START = "script.unknownStart" =>
        "this run continues a checkpoint of a run that did not start from its seed, so its weights at step 0 are not known: export the weights, import them, and the script of the new run starts from them";

    // Checkpoints.
    CHECKPOINT_WRITE = "checkpoint.write" => "cannot write the checkpoint: {detail}";
    CHECKPOINT_ZIP = "checkpoint.zip" => "this file is a zip archive holding {entry}; a checkpoint is JSON: unzip it and import {entry}";
    CHECKPOINT_ZIP_NAMED = "checkpoint.zipNamed" =>
        "this file is a zip archive holding {entry}; a checkpoint is JSON: unzip {file} and import {entry}";
    CHECKPOINT_NOT_JSON = "checkpoint.notJson" => "this file is {what}; a checkpoint is JSON";
    CHECKPOINT_IS_WEIGHTS = "checkpoint.isWeights" => "this file is {what}, weights rather than a checkpoint: import it as weights";
    CHECKPOINT_WEIGHTS = "checkpoint.weights" =>
        "this checkpoint is damaged: its weights do not fit the network its own settings describe ({model}):{lines}";
    CHECKPOINT_FORMAT = "checkpoint.format" => "not an rnn-playground checkpoint (its \"format\" field is missing or different)";
    CHECKPOINT_NEWER = "checkpoint.newer" =>
        "this checkpoint was written by a newer version of rnn-playground (format {version}); this one reads up to {supported}";
    CHECKPOINT_VERSION = "checkpoint.version" =>
        "invalid checkpoint: its \"version\" must be a whole number from 1 to {supported}, got {got}";
    CHECKPOINT_INVALID = "checkpoint.invalid" => "invalid checkpoint: {detail}";
    CHECKPOINT_SETTINGS = "checkpoint.settings" => "this checkpoint's own settings are invalid: {reason}";
    CHECKPOINT_FIELD = "checkpoint.field" => "invalid checkpoint: its field {field}: {detail}";
    CHECKPOINT_RESUME = "checkpoint.resume" => "checkpoint {reason}";
    CHECKPOINT_ADAM = "checkpoint.adam" => "checkpoint Adam hyperparameters differ from its config";
    CHECKPOINT_SGD = "checkpoint.sgd" => "checkpoint SGD hyperparameters differ from its config";
    CHECKPOINT_OPTIMIZER = "checkpoint.optimizer" => "checkpoint optimizer differs from the one its config names";

    // What a file is (`content::describe`).
    CONTENT_EMPTY = "content.empty" => "empty";
    CONTENT_BLANK = "content.blank" => "empty (only white space)";
    CONTENT_JSON = "content.json" => "JSON";
    CONTENT_WEIGHTS_JSON = "content.weightsJson" => "a JSON state dict";
    CONTENT_SAFETENSORS = "content.safetensors" => "a safetensors file";
    CONTENT_LEGACY = "content.legacy" => "{what} (its legacy format)";
    CONTENT_HTML = "content.html" => "an HTML page, not JSON";
    CONTENT_TEXT = "content.text" => "text that is not JSON (it begins {start})";
    CONTENT_BINARY = "content.binary" => "binary data in no format this program reads (it begins {bytes})";
    CONTENT_TORCHSCRIPT = "content.torchScript" => "a TorchScript archive (torch.jit.save)";
    CONTENT_NPZ = "content.npz" => "a NumPy .npz archive";
    CONTENT_ZIP_JSON = "content.zipJson" => "a zip archive holding {entry}";
    CONTENT_ZIP_OTHER = "content.zipEntries" => "a zip archive in no format this program reads (it holds {names})";
    CONTENT_ZIP_DAMAGED = "content.zipDamaged" => "a damaged zip archive ({detail})";
    CONTENT_TORCH_STATE_DICT = "content.torchStateDict" => "a PyTorch state dict saved by torch.save";
    CONTENT_TORCH_HOLDER = "content.torchHolder" =>
        "a PyTorch training checkpoint saved by torch.save, with the state dict under {path}";
    CONTENT_TORCH_OBJECT = "content.torchObject" => "a whole PyTorch model (class {class}) saved by torch.save";
    CONTENT_TORCH_UNKNOWN = "content.torchUnknown" => "a file saved by torch.save";

    // Weights files, and the Python that converts the ones Python can (`to_safetensors`): a line
    // of code on a line of its own after four spaces, as Markdown writes a code block (the page
    // sets it as code; a list's lines take two).
    WEIGHTS_IS_CHECKPOINT = "weights.isCheckpoint" => "this file is a checkpoint, not weights: import it as a checkpoint";
    WEIGHTS_UNREADABLE = "weights.unreadable" =>
        "this file is {what}; weights are a state dict in JSON, safetensors or NumPy .npz";
    CONVERT = "convert" =>
        "this file is {what}; this line of Python turns it into a safetensors file, which loads here:\n    {python}";
    CONVERT_CLASS = "convert.class" =>
        "this file is {what}; this line of Python turns it into a safetensors file, which loads here:\n    {python}\n(run it where the class {class} that the model was saved from is defined)";
    CONVERT_NPZ = "convert.npz" => "a NumPy .npz archive, but {reason}";
    CONVERT_ZIP_JSON = "convert.zipJson" => "a zip archive holding {entry} (unzip it and import {entry})";
    CONVERT_TORCHSCRIPT = "convert.torchScript" => "a TorchScript archive (torch.jit.save), which only PyTorch reads";
    CONVERT_PICKLE = "convert.pickle" => "{what}: a pickle, which only Python reads (loading one can run any code)";
    CONVERT_LEGACY_PICKLE = "convert.legacyPickle" =>
        "{what} (its legacy format): a pickle, which only Python reads (loading one can run any code)";

    // State dicts.
    LOAD_MISMATCH = "weights.mismatch" => "cannot load these weights into the {model} here:{lines}\n{hint}";
    LOAD_MISSING = "weights.missing" => "missing keys: {keys}";
    LOAD_UNEXPECTED = "weights.unexpected" => "unexpected keys: {keys}";
    LOAD_SIZE = "weights.size" => "size mismatch for {name}: the file has shape {shape}, the model needs {needed}";
    LOAD_NOTE = "weights.note" => "({note})";
    LOAD_COMMON_PREFIX = "weights.commonPrefix" =>
        "(every key in the file starts with {prefix}; the model's keys are rnn.… and out.…)";
    PREFIX_REMOVED = "weights.prefixRemoved" => "every key had the prefix {prefix}, which was removed";
    // What a successful load reports: which dict of the file, in which format.
    WEIGHTS_LOADED = "weights.loaded" => "loaded {dict} ({format})";
    WEIGHTS_LOADED_NOTE = "weights.loadedNote" => "loaded {dict} ({format}); {note}";
    THE_STATE_DICT = "noun.stateDict" => "the state dict";
    THE_INITIAL_STATE_DICT = "noun.initialStateDict" => "the recorded run's initial_state_dict";
    HINT_SIZE = "weights.hintSize" => "were the weights saved from a model of another size or cell type?";
    HINT_OTHER_MODEL = "weights.hintOtherModel" =>
        "were the weights saved from another model (other names, cell type or layer count)?";
    HINT_MORE_LAYERS = "weights.hintMoreLayers" => "were the weights saved from a model with more layers?";
    HINT_INCOMPLETE = "weights.hintIncomplete" => "is the file complete, and from a model with as many layers?";
    HINT_NETWORK = "weights.hintNetwork" =>
        "these are the weights of a network with cell {cell}, hidden size {hidden} and layers {layers}: set those settings, then import the file again";
    JSON_WRONG_SHAPE = "weights.jsonShape" =>
        "this is JSON of the wrong shape ({kind}): a state dict is an object of parameter names to nested lists";
    TENSOR_ENTRIES = "tensor.entries" => "{name} has {count} entries where its shape needs {needed}";
    TENSOR_FINITE = "tensor.finite" => "{name} must be a finite number, got {got}";
    TENSOR_LIST = "tensor.list" => "{name} must be a list, got {got}";
    ELEMENT_FINITE = "tensor.elementFinite" => "{name} element {index} must be a finite number, got {got}";

    // File formats.
    SAFETENSORS_INVALID = "safetensors.invalid" => "not a valid safetensors file: {detail}";
    SAFETENSORS_HEADER_TEXT = "safetensors.headerText" => "its header is not UTF-8 text";
    SAFETENSORS_HEADER = "safetensors.header" => "its header is not the JSON safetensors writes: {reason}";
    SAFETENSORS_OFFSET = "safetensors.offset" =>
        "the bytes of tensor {name} are not where its header says (each tensor's bytes follow the previous tensor's)";
    SAFETENSORS_TENSOR_SIZE = "safetensors.tensorSize" => "a tensor's bytes do not match its shape and data type";
    SAFETENSORS_LONGER = "safetensors.longer" => "the file goes on past its last tensor's bytes";
    SAFETENSORS_CUT_HEADER = "safetensors.cutHeader" =>
        "the file's {size} do not hold the header its first 8 bytes announce: it looks cut off, as an unfinished download or copy is; save or download it again";
    SAFETENSORS_CUT = "safetensors.cut" =>
        "the file's {size} do not hold the tensors its header lists: it looks cut off, as an unfinished download or copy is; save or download it again";
    SAFETENSORS_DTYPE = "safetensors.dtype" =>
        "{name} is stored as {dtype}; this program reads F32, F64 and BF16 (in PyTorch, save model.float().state_dict())";
    SAFETENSORS_WRITE_TENSOR = "safetensors.writeTensor" => "cannot write {name} as safetensors: {detail}";
    SAFETENSORS_WRITE = "safetensors.write" => "cannot write the weights as safetensors: {detail}";
    NPZ_DAMAGED = "npz.damaged" => "this .npz file is damaged: {reason}";
    NPZ_ENTRY = "npz.entry" => "{name}: {reason}";
    NPZ_COMPRESSED = "npz.compressed" => "its arrays are compressed (np.savez_compressed)";
    NPZ_STRUCTURED = "npz.structured" => "{key} is a structured array";
    NPZ_DTYPE = "npz.dtype" => "{key} is stored as dtype '{dtype}', not float32 or float64";
    NPZ_FORTRAN = "npz.fortran" => "{key} is stored in Fortran (column-major) order";
    NPZ_AS_IS = "npz.asIs" => "it cannot be read as it is";
    NPY_MAGIC = "npy.magic" => "not a .npy file (no \\x93NUMPY)";
    NPY_VERSION = "npy.version" => "an unknown .npy version";
    NPY_HEADER_SHORT = "npy.headerShort" => "its header is cut short";
    NPY_HEADER_TEXT = "npy.headerText" => "its header is not text";
    NPY_HEADER_UNREADABLE = "npy.headerUnreadable" => "cannot read its header {header}";
    NPY_HEADER_FIELDS = "npy.headerFields" => "its header lacks descr, fortran_order or shape";
    NPY_SHAPE_LARGE = "npy.shapeLarge" => "its shape is too large";
    NPY_SIZE = "npy.size" => "its shape {shape} needs {count} values, and it holds {bytes} bytes of them";
    ZIP_MISSING = "zip.missing" => "{name}: no such entry";
    ZIP_COMPRESSED = "zip.compressed" => "{name} is compressed";
    ZIP_UNREADABLE = "zip.unreadable" => "{name} cannot be read: {detail}";
    ZIP_CUT = "zip.cut" => "its end is missing: it looks cut off, as an unfinished download or copy is; save or download it again";
    ZIP_DIRECTORY = "zip.directory" => "its directory of entries is not what a zip archive holds";
    ZIP_ENTRY = "zip.entry" => "an entry's size or checksum does not match its content";
    RECORD_INVALID = "record.invalid" => "not a training record: {detail}";

    // Charts.
    CANVAS_CONTEXT = "chart.context" => "the canvas has no 2D context";
    DRAWING_FAILED = "chart.failed" => "drawing failed: {detail}";
}

/// `template` with each `{name}` (letters, digits, `_`) replaced by `value(name)`; a name
/// without a value stays as it is (in debug builds, tests, it panics: every value must be set).
pub fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            let name = &after[..name_len];
            match value(name) {
                Some(v) => out.push_str(&v),
                None => {
                    debug_assert!(false, "no value for {{{name}}} in {template:?}");
                    out.push_str(&rest[open..open + name_len + 2]);
                }
            }
            rest = &after[name_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_templates_fill() {
        for (i, a) in MESSAGES.iter().enumerate() {
            assert!(MESSAGES[i + 1..].iter().all(|b| b.code != a.code), "{} twice", a.code);
        }
        // JavaScript's object literals in a template are text, not values.
        let names = std::cell::RefCell::new(Vec::new());
        fill(CONFIG_NOT_OBJECT.english, |n| {
            names.borrow_mut().push(n.to_string());
            Some(String::new())
        });
        assert_eq!(names.into_inner(), ["got"]);
        assert_eq!(
            fill(CHECKPOINT_NEWER.english, |n| Some(if n == "version" { "2" } else { "1" }.into())),
            "this checkpoint was written by a newer version of rnn-playground (format 2); this one reads up to 1"
        );
    }
}
