//! Reading the table `cargo bench` prints with divan (a tree of benchmarks with fastest,
//! slowest, median and mean times), so that the report can quote its medians.

use std::time::Duration;

/// One benchmark of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct DivanRow {
    /// The path in the tree, `/`-separated: `analysis/example/OauthOidc.settings-meta.xml`.
    pub path: String,
    pub fastest: Duration,
    pub median: Duration,
    pub mean: Duration,
    pub samples: usize,
}

/// The rows of a divan table, in order. Lines that are not part of a table are ignored.
pub fn parse(output: &str) -> Vec<DivanRow> {
    let mut rows = Vec::new();
    let mut columns: Option<Columns> = None;
    let mut stack: Vec<String> = Vec::new();
    for line in output.lines() {
        let chars: Vec<char> = line.chars().collect();
        if let Some(found) = Columns::from_header(&chars) {
            columns = Some(found);
            stack.clear();
            continue;
        }
        let Some(columns) = &columns else {
            continue;
        };
        if chars.len() <= columns.fastest || !line.contains('│') {
            continue;
        }
        let head: String = chars[..columns.fastest].iter().collect();
        let Some(name_start) = head.find(|ch: char| !matches!(ch, '│' | '├' | '╰' | '─' | ' '))
        else {
            continue;
        };
        let depth = head[..name_start].chars().count() / 3;
        let name = head[name_start..].trim().to_string();
        stack.truncate(depth.saturating_sub(1));
        stack.push(name);
        let cell = |index: usize| -> String {
            let start = if index == 0 {
                columns.fastest
            } else {
                columns.separators[index - 1] + 1
            };
            let end = columns
                .separators
                .get(index)
                .copied()
                .unwrap_or(chars.len())
                .min(chars.len());
            chars.get(start..end).map_or(String::new(), |cell| {
                cell.iter().collect::<String>().trim().to_string()
            })
        };
        let (Some(fastest), Some(median), Some(mean)) = (
            parse_duration(&cell(0)),
            parse_duration(&cell(2)),
            parse_duration(&cell(3)),
        ) else {
            // A group line: its name only opens a level of the tree.
            continue;
        };
        rows.push(DivanRow {
            path: stack.join("/"),
            fastest,
            median,
            mean,
            samples: cell(4).parse().unwrap_or_default(),
        });
    }
    rows
}

/// `3.172 µs`, `53.34 ms`, `21 ns`, `1.2 s`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let (number, unit) = text.trim().split_once(' ')?;
    let number: f64 = number.parse().ok()?;
    let seconds = match unit.trim() {
        "ns" => number / 1e9,
        "µs" | "us" => number / 1e6,
        "ms" => number / 1e3,
        "s" => number,
        _ => return None,
    };
    Some(Duration::from_secs_f64(seconds))
}

/// Where the columns of the table are, in characters.
struct Columns {
    fastest: usize,
    separators: Vec<usize>,
}

impl Columns {
    fn from_header(chars: &[char]) -> Option<Columns> {
        let line: String = chars.iter().collect();
        if !line.contains("fastest") || !line.contains("median") {
            return None;
        }
        let byte_index = line.find("fastest")?;
        let fastest = line[..byte_index].chars().count();
        let separators = chars
            .iter()
            .enumerate()
            .filter(|(_, ch)| **ch == '│')
            .map(|(index, _)| index)
            .collect();
        Some(Columns {
            fastest,
            separators,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
Timer precision: 21 ns
in_process                                                fastest       │ slowest       │ median        │ mean          │ samples │ iters
├─ analysis                                                             │               │               │               │         │
│  ├─ example                                                           │               │               │               │         │
│  │  ├─ Headless_Portal.eca-meta.xml                     3.172 µs      │ 553.4 µs      │ 3.983 µs      │ 9.642 µs      │ 100     │ 100
│  │  ╰─ OauthOidc.settings-meta.xml                      1.588 µs      │ 28.63 µs      │ 2.329 µs      │ 2.729 µs      │ 100     │ 100
│  ╰─ synthetic_5_mib                                     53.34 ms      │ 56.86 ms      │ 54.74 ms      │ 54.72 ms      │ 10      │ 10
╰─ parse                                                                │               │               │               │         │
   ╰─ synthetic_1_mib                                     11.02 ms      │ 13.32 ms      │ 11.62 ms      │ 11.73 ms      │ 20      │ 20
";

    #[test]
    fn reads_paths_and_medians_from_the_tree() {
        let rows = parse(SAMPLE);
        let summary: Vec<(String, Duration, usize)> = rows
            .iter()
            .map(|row| (row.path.clone(), row.median, row.samples))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "analysis/example/Headless_Portal.eca-meta.xml".to_string(),
                    Duration::from_nanos(3983),
                    100
                ),
                (
                    "analysis/example/OauthOidc.settings-meta.xml".to_string(),
                    Duration::from_nanos(2329),
                    100
                ),
                (
                    "analysis/synthetic_5_mib".to_string(),
                    Duration::from_micros(54740),
                    10
                ),
                (
                    "parse/synthetic_1_mib".to_string(),
                    Duration::from_micros(11620),
                    20
                ),
            ]
        );
        assert_eq!(rows[0].fastest, Duration::from_nanos(3172));
    }

    #[test]
    fn durations_in_every_unit_and_nothing_else() {
        assert_eq!(parse_duration("21 ns"), Some(Duration::from_nanos(21)));
        assert_eq!(parse_duration("1.5 s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_duration("100"), None);
        assert_eq!(parse_duration("3 parsecs"), None);
    }
}
