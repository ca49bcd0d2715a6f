//! The ranking's tunable weights in one place, so that an experiment can
//! set any of them by name (`ctx pack --tune KEY=VALUE,...`, `ctx search
//! --tune ...`, hidden flags for `benches/quality`'s variants) without a
//! rebuild. The defaults are the measured choices of `docs/decisions.md`.

/// Weights and switches of ranking, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// Factor for files that look like tests, unless the task names them.
    pub test_factor: f32,
    /// Factor for compat and legacy shims, examples, vendored and minified
    /// code, unless the task names them.
    pub aux_factor: f32,
    /// Factor for TypeScript declaration stubs (`.d.ts`).
    pub stub_factor: f32,
    /// Factor for re-export files (`__init__.py`, `package-info.java`).
    pub reexport_factor: f32,
    /// Factor for files without a parsed language (docs, data, configuration).
    pub text_factor: f32,
    /// Bonus, times the best score, for a file whose name or folder holds
    /// the query's words, times the share of the words it holds.
    pub path_words: f32,
    /// The least share of the query's words a path must hold to get `path_words`.
    pub path_words_min: f32,
    /// Weight of the indexed words that share a query word's stem (times the word's weight).
    pub stem: f32,
    /// A query of more distinct words than this gets `stem` times this over
    /// its number of words (0: the same weight for every query).
    pub stem_terms: f32,
    /// Bonus, times the best score, for chunks of the definitions a
    /// query of one name asks for.
    pub define: f32,
    /// Share of `define` for a definition's other chunks (its doc comment
    /// split off, the rest of a long body) than the one that declares it.
    pub define_rest: f32,
    /// Share of a file's summed evidence given to each of its chunks.
    pub file_weight: f32,
    /// How many of a file's best chunks its evidence sums (scaled as three).
    pub file_top: f32,
    /// Bonus, times the best score, for each file's best chunk, times the
    /// file's summed score over the largest file sum.
    pub coherence: f32,
    /// Search: a file's second chunk counts this much of its score, its
    /// third this squared, ...; 0 lists every file's best chunk first.
    pub file_decay: f32,
    /// Search: the decay for a query of `long_terms` distinct words or
    /// more (a whole task), reached linearly from `file_decay` at half
    /// as many.
    pub file_decay_long: f32,
    /// Search: from how many distinct words a query is a whole task.
    pub long_terms: f32,
    /// Pack: factor on the body priority of a file's header chunk (its
    /// imports and file comment), whose many imported names match a task's
    /// words but whose lines a fix rarely touches.
    pub header_body: f32,
    /// Pack: share of the budget bodies may take when the pack is staged;
    /// the rest goes to the map and signatures of the next candidates.
    pub body_share: f32,
    /// Pack: above 0, signatures first list the best of each file not shown yet.
    pub signature_breadth: f32,
    /// Bonus for a chunk of a definition the query names (times the
    /// mention's confidence and specificity).
    pub symbol_weight: f32,
    /// That bonus for a query of `long_terms` distinct words or more (a
    /// whole task, which names many definitions in passing: its traceback,
    /// its snippets), reached linearly from `symbol_weight` at half as many.
    pub symbol_weight_long: f32,
    /// How much of `path_words` goes by the share of the path's own words
    /// (file name and folder) that the query holds (0: none).
    pub path_words_precision: f32,
}

impl Default for Tuning {
    /// Chosen on the three suites of `benches/quality` (see `docs/decisions.md`).
    fn default() -> Self {
        Tuning {
            test_factor: 0.3,
            aux_factor: 0.3,
            stub_factor: 0.7,
            reexport_factor: 1.0,
            text_factor: 0.5,
            path_words: 1.0,
            path_words_min: 0.1,
            stem: 0.8,
            stem_terms: 2.0,
            define: 3.0,
            define_rest: 0.5,
            file_weight: 0.3,
            file_top: 3.0,
            coherence: 0.2,
            file_decay: 0.5,
            file_decay_long: 1.0,
            long_terms: 24.0,
            header_body: 0.5,
            body_share: 0.8,
            signature_breadth: 1.0,
            symbol_weight: 1.2,
            symbol_weight_long: 0.3,
            path_words_precision: 0.3,
        }
    }
}

impl Tuning {
    /// The weights before any of path words, stems, definitions, coherence,
    /// decay and the auxiliary, stub and text factors: the baseline that
    /// `benches/quality` compares the defaults with.
    pub fn baseline() -> Tuning {
        Tuning {
            test_factor: 0.6,
            aux_factor: 1.0,
            stub_factor: 1.0,
            reexport_factor: 1.0,
            text_factor: 1.0,
            path_words: 0.0,
            path_words_min: 0.1,
            stem: 0.0,
            stem_terms: 0.0,
            define: 0.0,
            define_rest: 1.0,
            file_weight: 0.3,
            file_top: 3.0,
            coherence: 0.0,
            file_decay: 0.0,
            file_decay_long: 0.0,
            long_terms: 24.0,
            header_body: 1.0,
            body_share: 0.8,
            signature_breadth: 0.0,
            symbol_weight: 1.2,
            symbol_weight_long: 1.2,
            path_words_precision: 0.0,
        }
    }
}

impl Tuning {
    /// The file decay of search for a query of `terms` distinct words.
    pub fn file_decay_for(&self, terms: usize) -> f32 {
        self.by_length(self.file_decay, self.file_decay_long, terms)
    }

    /// The bonus of a named definition for a query of `terms` distinct words.
    pub fn symbol_weight_for(&self, terms: usize) -> f32 {
        self.by_length(self.symbol_weight, self.symbol_weight_long, terms)
    }

    /// `short` up to half of `long_terms` distinct words, `long` from
    /// `long_terms` on, linear between.
    fn by_length(&self, short: f32, long: f32, terms: usize) -> f32 {
        let full = self.long_terms.max(2.0);
        let along = ((terms as f32 - full / 2.0) / (full / 2.0)).clamp(0.0, 1.0);
        short + (long - short) * along
    }

    /// Sets weights from `KEY=VALUE` pairs separated by commas.
    pub fn apply(&mut self, spec: &str) -> Result<(), String> {
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').ok_or_else(|| format!("{pair:?}: expected KEY=VALUE"))?;
            let value: f32 = value.trim().parse().map_err(|_| format!("{pair:?}: {value:?} is not a number"))?;
            let slot = match key.trim() {
                "test_factor" => &mut self.test_factor,
                "aux_factor" => &mut self.aux_factor,
                "stub_factor" => &mut self.stub_factor,
                "reexport_factor" => &mut self.reexport_factor,
                "text_factor" => &mut self.text_factor,
                "path_words" => &mut self.path_words,
                "path_words_min" => &mut self.path_words_min,
                "stem" => &mut self.stem,
                "stem_terms" => &mut self.stem_terms,
                "define" => &mut self.define,
                "define_rest" => &mut self.define_rest,
                "file_weight" => &mut self.file_weight,
                "file_top" => &mut self.file_top,
                "coherence" => &mut self.coherence,
                "file_decay" => &mut self.file_decay,
                "file_decay_long" => &mut self.file_decay_long,
                "long_terms" => &mut self.long_terms,
                "header_body" => &mut self.header_body,
                "body_share" => &mut self.body_share,
                "signature_breadth" => &mut self.signature_breadth,
                "symbol_weight" => &mut self.symbol_weight,
                "symbol_weight_long" => &mut self.symbol_weight_long,
                "path_words_precision" => &mut self.path_words_precision,
                other => return Err(format!("{other:?} is no ranking weight")),
            };
            *slot = value;
        }
        Ok(())
    }

    /// The weights with `spec` applied (see [`Tuning::apply`]).
    pub fn parse(spec: &str) -> Result<Tuning, String> {
        let mut tuning = Tuning::default();
        tuning.apply(spec)?;
        Ok(tuning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_set_by_name() {
        let tuning = Tuning::parse("test_factor=0.3, path_words=1").expect("parse");
        assert_eq!((tuning.test_factor, tuning.path_words), (0.3, 1.0));
        assert_eq!(Tuning::parse("").expect("empty"), Tuning::default());
        assert!(Tuning::parse("nope=1").is_err());
        assert!(Tuning::parse("test_factor").is_err());
        assert!(Tuning::parse("test_factor=x").is_err());
    }

    #[test]
    fn search_decays_a_files_further_chunks_less_the_longer_the_query() {
        let tuning = Tuning { file_decay: 0.5, file_decay_long: 1.0, long_terms: 24.0, ..Tuning::default() };
        assert_eq!(tuning.file_decay_for(3), 0.5);
        assert_eq!(tuning.file_decay_for(12), 0.5);
        assert_eq!(tuning.file_decay_for(18), 0.75);
        assert_eq!(tuning.file_decay_for(24), 1.0);
        assert_eq!(tuning.file_decay_for(300), 1.0);
    }

    #[test]
    fn a_whole_task_weighs_the_definitions_it_names_less_than_a_short_query() {
        let tuning = Tuning { symbol_weight: 1.2, symbol_weight_long: 0.3, long_terms: 24.0, ..Tuning::default() };
        assert_eq!(tuning.symbol_weight_for(2), 1.2);
        assert!((tuning.symbol_weight_for(18) - 0.75).abs() < 1e-6);
        assert_eq!(tuning.symbol_weight_for(40), 0.3);
    }
}
