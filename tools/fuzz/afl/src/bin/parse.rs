//! AFL++ target `parse` (see tools/fuzz/src/lib.rs): run by scripts/fuzz.sh.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        eca_fuzz::Target::Parse.run(data);
    });
}
