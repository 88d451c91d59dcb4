//! What the copy and download buttons produce: the permalink query, a PyTorch snippet that
//! prints the widget's loss, and the loss history as CSV.

use crate::loss::Units;
use crate::model::Model;
use crate::num::shortest;

/// A Python string literal for `s` (double quotes, with `\` and `"` escaped).
fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A short script that computes the widget's loss with `torch.nn.functional.cross_entropy`
/// on `log(p)` (logits whose softmax is `p`) and prints it; the numbers are the model's,
/// written so that they read back as the same `f64`.
pub fn pytorch_snippet(model: &Model) -> String {
    let words: Vec<String> = model.names().iter().map(|w| py_str(w)).collect();
    let p: Vec<String> = model.probs().iter().map(|&p| shortest(p)).collect();
    let mut s = String::new();
    s.push_str("import math\nimport torch\nimport torch.nn.functional as F\n\n");
    s.push_str(&format!("words = [{}]\n", words.join(", ")));
    s.push_str(&format!(
        "p = torch.tensor([[{}]], dtype=torch.float64)\n",
        p.join(", ")
    ));
    s.push_str(&format!(
        "target = torch.tensor([{}])  # {}\n",
        model.correct(),
        py_str(model.correct_word())
    ));
    s.push_str("# log(p) are logits whose softmax is p, so cross_entropy sees exactly p.\n");
    s.push_str(&format!(
        "loss = F.cross_entropy(torch.log(p), target, label_smoothing={})\n",
        shortest(model.smoothing())
    ));
    match model.units() {
        Units::Nats => s.push_str("print(f\"loss = {loss.item():.3f} nats\")\n"),
        Units::Bits => s.push_str(
            "print(f\"loss = {loss.item():.3f} nats = {loss.item() / math.log(2):.3f} bits\")\n",
        ),
    }
    s
}

/// The loss history as CSV: `step,loss_nats,loss_bits,p_correct`, one line per point, each
/// with its real step number.
pub fn history_csv(model: &Model) -> String {
    let mut s = String::from("step,loss_nats,loss_bits,p_correct\n");
    for h in model.history() {
        s.push_str(&format!(
            "{},{},{},{}\n",
            h.step,
            shortest(h.loss_nats),
            shortest(Units::Bits.from_nats(h.loss_nats)),
            shortest(h.p_correct)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_query;
    use crate::format::fixed3;
    use crate::loss::log_softmax;
    use crate::model::{Action, HISTORY_LIMIT};

    /// The value the snippet prints, recomputed from the snippet's own text the way PyTorch
    /// defines `cross_entropy(logits, c, label_smoothing=ε)`:
    /// `(1 − ε)·(−log_softmax(z)_c) + (ε/K)·Σ_i −log_softmax(z)_i` with `z = ln p`.
    fn run_snippet(snippet: &str) -> f64 {
        let between = |start: &str, end: &str| -> &str {
            let i = snippet.find(start).expect(start) + start.len();
            let j = snippet[i..].find(end).expect(end) + i;
            &snippet[i..j]
        };
        let p: Vec<f64> = between("torch.tensor([[", "]]")
            .split(", ")
            .map(|x| x.parse().unwrap())
            .collect();
        let c: usize = between("target = torch.tensor([", "])").parse().unwrap();
        let eps: f64 = between("label_smoothing=", ")").parse().unwrap();
        let z: Vec<f64> = p.iter().map(|p| p.ln()).collect();
        let lsm = log_softmax(&z).unwrap();
        let k = p.len() as f64;
        (1.0 - eps) * -lsm[c] + eps / k * lsm.iter().map(|l| -l).sum::<f64>()
    }

    #[track_caller]
    fn check(query: &str, actions: Vec<Action>) {
        let m = actions
            .into_iter()
            .fold(Model::new(parse_query(query).0), Model::apply);
        let snippet = pytorch_snippet(&m);
        let printed = run_snippet(&snippet);
        assert!(
            (printed - m.prediction().loss(Units::Nats)).abs() < 1e-12,
            "{printed} vs {}\n{snippet}",
            m.prediction().loss(Units::Nats)
        );
        assert_eq!(fixed3(printed), fixed3(m.prediction().loss(Units::Nats)));
    }

    #[test]
    fn the_pytorch_snippet_prints_the_widgets_loss() {
        check("", vec![]);
        check("?words=six,four,dot&p=0.1,0.2,0.7", vec![]);
        check("?words=chai,paani,dudh&p=0.6,0.3,0.1&correct=paani", vec![]);
        check("", vec![Action::SetSmoothing(0.1)]);
        check(
            "?smoothing=0.5&units=bits",
            vec![
                Action::SetProb {
                    index: 2,
                    value: 0.33,
                },
                Action::Step,
            ],
        );
        let snippet = pytorch_snippet(&Model::new(parse_query("?words=a\"b,c%5Cd&units=bits").0));
        assert!(snippet.contains(r#"words = ["a\"b", "c\\d"]"#), "{snippet}");
        assert!(snippet.contains("math.log(2)"));
    }

    #[test]
    fn history_csv_has_a_line_per_step() {
        let m = Model::new(parse_query("").0)
            .apply(Action::Step)
            .apply(Action::Step);
        let csv = history_csv(&m);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "step,loss_nats,loss_bits,p_correct");
        assert!(lines[1].starts_with("0,0.916290731874155"), "{}", lines[1]);
        assert!(lines[3].starts_with("2,"));
    }

    #[test]
    fn history_points_keep_their_step_numbers_when_the_oldest_are_dropped() {
        let mut m = Model::new(parse_query("?lr=0.001").0).apply(Action::TogglePlay);
        for _ in 0..HISTORY_LIMIT + 50 {
            m = m.apply(Action::Tick);
        }
        let csv = history_csv(&m);
        let steps: Vec<&str> = csv
            .lines()
            .skip(1)
            .map(|l| &l[..l.find(',').unwrap()])
            .collect();
        assert_eq!(steps.len(), HISTORY_LIMIT);
        assert_eq!(steps.first(), Some(&"51"));
        assert_eq!(steps.last(), Some(&"550"));
    }
}
