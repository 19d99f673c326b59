//! AFL++ target `fixes` (see tools/fuzz/src/lib.rs): run by scripts/fuzz.sh.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        eca_fuzz::Target::Fixes.run(data);
    });
}
