//! What a path says about a file before any word of the task is matched:
//! tests, compat and legacy shims, examples, vendored or minified copies of
//! other projects, declaration stubs, re-export files and files of no
//! parsed language answer a task less often than the code they test,
//! wrap, copy or describe, so their scores are scaled down (unless the
//! task names them). Pure functions of the path and the file's record;
//! whether a newer version exists beside the file is the caller's to
//! look up (`newer_versions`).

use super::tuning::Tuning;
use ctx_indexer::Language;

/// Folders whose code is a shim, a copy, a build or an example of the
/// real code (`dist/`: the bundles a JavaScript build writes from `lib/`).
const AUX_FOLDERS: &[&str] = &[
    "compat", "_compat", "legacy", "example", "examples", "_examples", "tutorials", "docs_src", "single_include", "vendor", "vendored",
    "third_party", "thirdparty", "third-party", "3rdparty", "node_modules", "bower_components", "dist",
];

/// Bytes per line above which a file is taken for minified or generated data.
const MINIFIED_BYTES_PER_LINE: u64 = 300;

/// The factor a file's chunks are scaled by, from its path and record.
/// `superseded`: the file sits in a version's folder beside a newer
/// version's (`src/v3/` beside `src/v4/`, `manual/v1.5/` beside
/// `manual/v1.6/`), an older copy kept for compatibility: auxiliary too.
pub fn path_factor(path: &str, language: Language, size: u64, lines: u32, superseded: bool, tuning: &Tuning) -> f32 {
    let mut factor = 1.0;
    if looks_like_test(path) {
        factor *= tuning.test_factor;
    }
    if superseded || looks_auxiliary(path, size, lines) {
        factor *= tuning.aux_factor;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts") {
        factor *= tuning.stub_factor;
    }
    if matches!(name, "__init__.py" | "package-info.java") {
        factor *= tuning.reexport_factor;
    }
    if language == Language::Text {
        factor *= tuning.text_factor;
    }
    factor
}

/// Whether a path looks like a test file, in any of the parsed languages'
/// conventions (`test_x.py`, `x_test.go`, `XTest.java`, `x.spec.ts`, `x_spec.rb`, a `tests/` folder...).
pub fn looks_like_test(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let folders = path.split('/').rev().skip(1);
    let in_test_folder = folders.into_iter().any(|c| matches!(c, "test" | "tests" | "testing" | "__tests__" | "testdata" | "spec" | "__mocks__"));
    let code = !extension.is_empty() && extension != "md" && extension != "txt";
    in_test_folder
        || (code && (stem.starts_with("test_") || stem.ends_with("_test") || stem.ends_with("_tests") || stem.ends_with("_spec") || stem.ends_with("_unittest")))
        || name.contains(".test.")
        || name.contains(".spec.")
        || name == "conftest.py"
        || (matches!(extension, "java" | "kt" | "swift" | "cs" | "scala" | "php" | "dart") && (stem.ends_with("Test") || stem.ends_with("Tests") || stem.ends_with("Spec") || stem.ends_with("Suite")))
}

/// Whether a file is a shim, an example or a copy of another project's code:
/// it sits in such a folder, is minified, or carries a release number in
/// its name as vendored libraries do (`jquery-3.5.1.js`, `underscore-1.13.1.js`).
pub fn looks_auxiliary(path: &str, size: u64, lines: u32) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if path.split('/').rev().skip(1).any(|c| AUX_FOLDERS.contains(&c)) {
        return true;
    }
    if name.contains(".min.") || name.ends_with("-min.js") || name.contains(".bundle.") {
        return true;
    }
    if size / u64::from(lines.max(1)) > MINIFIED_BYTES_PER_LINE && size > 2_000 {
        return true;
    }
    versioned_name(name)
}

/// Where newer versions of a file in a version's folder (`v3`, `v1.5`)
/// would be: the folders of the next versions beside that folder (`v4/`;
/// `v1.6/`, `v2/`, `v2.0/`), and the same path without the version's
/// folder (pydantic keeps Pydantic 1 in `pydantic/v1/fields.py` beside
/// the current `pydantic/fields.py`). If any of them holds a file, the
/// file is superseded.
#[derive(Debug, Default, PartialEq)]
pub struct NewerVersions {
    /// The names of the path's version folders (`v3`), which a task that
    /// asks for the old version names.
    pub versions: Vec<String>,
    /// Folder prefixes, each ending in `/`.
    pub folders: Vec<String>,
    /// Exact paths.
    pub files: Vec<String>,
}

/// The places of `path`'s newer versions (see [`NewerVersions`]).
pub fn newer_versions(path: &str) -> NewerVersions {
    let mut newer = NewerVersions::default();
    let mut parent = 0;
    let folders = path.rsplit_once('/').map_or("", |(folders, _)| folders);
    for segment in folders.split('/') {
        let base = &path[..parent];
        parent += segment.len() + 1;
        let Some(number) = segment.strip_prefix('v') else { continue };
        let (major, minor) = number.split_once('.').unwrap_or((number, ""));
        let Ok(major) = major.parse::<u32>() else { continue };
        let next_major = major.saturating_add(1);
        if minor.is_empty() {
            newer.folders.push(format!("{base}v{next_major}/"));
        } else if let Ok(minor) = minor.parse::<u32>() {
            newer.folders.push(format!("{base}v{major}.{}/", minor.saturating_add(1)));
            newer.folders.push(format!("{base}v{next_major}/"));
            newer.folders.push(format!("{base}v{next_major}.0/"));
        } else {
            continue;
        }
        newer.files.push(format!("{base}{}", &path[parent..]));
        newer.versions.push(segment.to_ascii_lowercase());
    }
    newer
}

/// `name-1.2.js`, `name-1.2.3.min.js`: a name followed by a dotted release number.
fn versioned_name(name: &str) -> bool {
    let Some((_, tail)) = name.rsplit_once('-') else { return false };
    let mut parts = tail.split('.');
    let numeric = parts.by_ref().take_while(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).count();
    numeric >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_are_told_by_each_languages_convention() {
        for path in ["tests/a.py", "pkg/test_io.py", "net/http_test.go", "src/FooTest.java", "a/b.spec.ts", "lib/x_spec.rb", "src/__tests__/x.js", "conftest.py", "spec/models/user.rb", "absl/strings/str_cat_test.cc"] {
            assert!(looks_like_test(path), "{path}");
        }
        for path in ["src/testing.rs", "pkg/contest.py", "src/Tester.java", "latest/a.py", "attest.go", "README_test"] {
            assert!(!looks_like_test(path), "{path}");
        }
    }

    #[test]
    fn shims_copies_and_examples_are_auxiliary() {
        for path in ["sphinx/themes/basic/static/jquery-3.5.1.js", "static/underscore-1.13.1.js", "a/vendor/lib.go", "docs_src/app.py", "x/compat/py2.py", "dist/app.min.js", "third_party/zlib/inflate.c", "dist/esm/axios.js", "tutorials/colors/colormaps.py"] {
            assert!(looks_auxiliary(path, 1_000, 10), "{path}");
        }
        for path in ["src/parser.py", "lib/jquery-plugin.js", "src/v2-api.ts", "pkg/sha-256.go"] {
            assert!(!looks_auxiliary(path, 1_000, 10), "{path}");
        }
        assert!(looks_auxiliary("static/app.js", 90_000, 3));
    }

    #[test]
    fn a_version_folder_names_the_places_of_the_newer_versions() {
        let zod = newer_versions("packages/zod/src/v3/types.ts");
        assert_eq!(zod.folders, ["packages/zod/src/v4/"]);
        assert_eq!(zod.files, ["packages/zod/src/types.ts"]);
        assert_eq!(zod.versions, ["v3"]);
        assert_eq!(newer_versions("v1.5/manual.yml").folders, ["v1.6/", "v2/", "v2.0/"]);
        assert_eq!(newer_versions("v1.5/manual.yml").files, ["manual.yml"]);
        let nested = newer_versions("api/v2/x/v9/a.go");
        assert_eq!(nested.folders, ["api/v3/", "api/v2/x/v10/"]);
        assert_eq!(nested.files, ["api/x/v9/a.go", "api/v2/x/a.go"]);
        for path in ["src/v3.ts", "src/dev/a.rs", "src/vx/a.rs", "src/v/a.rs", "v1.x/a.md", "v3"] {
            assert_eq!(newer_versions(path), NewerVersions::default(), "{path}");
        }
    }

    #[test]
    fn factors_multiply() {
        let tuning = Tuning { test_factor: 0.5, aux_factor: 0.5, stub_factor: 0.7, text_factor: 0.8, ..Tuning::default() };
        assert_eq!(path_factor("src/a.py", Language::Python, 10, 1, false, &tuning), 1.0);
        assert_eq!(path_factor("tests/vendor/a.py", Language::Python, 10, 1, false, &tuning), 0.25);
        assert_eq!(path_factor("types/index.d.ts", Language::TypeScript, 10, 1, false, &tuning), 0.7);
        assert_eq!(path_factor("docs/manual.yml", Language::Text, 10, 1, false, &tuning), 0.8);
        assert_eq!(path_factor("src/v3/a.ts", Language::TypeScript, 10, 1, true, &tuning), 0.5);
        assert_eq!(path_factor("src/v3/vendor/a.ts", Language::TypeScript, 10, 1, true, &tuning), 0.5, "auxiliary once");
    }
}
