//! AFL++ target `format` (see tools/fuzz/src/lib.rs): run by scripts/fuzz.sh.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        eca_fuzz::Target::Format.run(data);
    });
}
