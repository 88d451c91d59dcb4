//! What the copy and download buttons produce: the permalink query, a PyTorch snippet that
//! prints the widget's loss, and the loss history as CSV.

use crate::config::Part;
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
/// written so that they read back as the same `f64`. With the `sentence` part it also prints
/// the sentence's average loss and perplexity; with `mistakes`, what the mistakes give.
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
    if model.parts().has(Part::Sentence) {
        let sentence = model.sentence();
        let tokens: Vec<String> = sentence.tokens().iter().map(|t| py_str(t)).collect();
        let p_t: Vec<String> = sentence.probs().iter().map(|&p| shortest(p)).collect();
        s.push_str(&format!(
            "\n# The sentence, repeated {} times: the average of -log p_t over every position.\n",
            sentence.repeat()
        ));
        s.push_str(&format!("tokens = [{}]\n", tokens.join(", ")));
        s.push_str(&format!(
            "p_t = torch.tensor([{}], dtype=torch.float64).repeat({})\n",
            p_t.join(", "),
            sentence.repeat()
        ));
        s.push_str("sentence_loss = -torch.log(p_t).mean()\n");
        s.push_str("print(f\"sentence loss = {sentence_loss.item():.3f} nats, perplexity = {torch.exp(sentence_loss).item():.3f}\")\n");
    }
    let eps = shortest(model.smoothing());
    if model.parts().has(Part::Logits) {
        let z: Vec<String> = model.logits().iter().map(|&z| py_float(z)).collect();
        s.push_str("\n# The logits at temperature T: softmax(z / T) is p, and the loss is LSE - z_c / T.\n");
        s.push_str(&format!(
            "z = torch.tensor([[{}]], dtype=torch.float64)\n",
            z.join(", ")
        ));
        s.push_str(&format!("T = {}\n", shortest(model.temperature())));
        s.push_str(&format!(
            "loss_z = F.cross_entropy(z / T, target, label_smoothing={eps})\n"
        ));
        s.push_str("print(f\"loss from logits = {loss_z.item():.3f} nats, log-sum-exp = {torch.logsumexp(z / T, dim=1).item():.3f}\")\n");
    }
    if model.parts().has(Part::Compare) {
        s.push_str("\n# Two models predicting the same word: each loss, and the larger over the smaller.\n");
        for (i, name) in ["a", "b"].into_iter().enumerate() {
            let p: Vec<String> = model
                .model(i)
                .probs()
                .probs()
                .iter()
                .map(|&p| shortest(p))
                .collect();
            s.push_str(&format!(
                "p_{name} = torch.tensor([[{}]], dtype=torch.float64)\n",
                p.join(", ")
            ));
            s.push_str(&format!("loss_{name} = F.cross_entropy(torch.log(p_{name}), target, label_smoothing={eps}).item()\n"));
        }
        s.push_str("low, high = sorted([loss_a, loss_b])\n");
        s.push_str("print(f\"loss A = {loss_a:.3f} nats, loss B = {loss_b:.3f} nats, ratio {high / low if low > 0 else math.inf:.1f}\")\n");
    }
    if model.parts().has(Part::Mistakes) {
        s.push_str("\n# Mistakes: p passed where cross_entropy expects logits, and -log without its minus.\n");
        s.push_str("print(f\"p as logits = {F.cross_entropy(p, target).item():.3f} nats\")\n");
        s.push_str("print(f\"minus sign dropped = {torch.log(p[0, target]).item():.3f} nats\")\n");
    }
    s
}

/// A Python float literal: `float("-inf")` for a logit of a word at `p = 0`.
fn py_float(x: f64) -> String {
    if x == f64::NEG_INFINITY {
        "float(\"-inf\")".into()
    } else {
        shortest(x)
    }
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
    use crate::format::readout;
    use crate::loss::log_softmax;
    use crate::model::{Action, HISTORY_LIMIT};

    /// The value the snippet prints, recomputed from the snippet's own text the way PyTorch
    /// defines `cross_entropy(logits, c, label_smoothing=ε)`:
    /// `(1 − ε)·(−log_softmax(z)_c) + (ε/K)·Σ_i −log_softmax(z)_i` with `z = ln p`.
    fn run_snippet(snippet: &str) -> f64 {
        let between = |start, end| between(snippet, start, end);
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

    /// What the snippet's mistake lines print, recomputed from its `p` and `target` the way
    /// PyTorch defines them: `cross_entropy(p, c) = −p_c + ln Σ_i exp(p_i)` (p taken as
    /// logits) and `log(p_c)`.
    fn run_mistakes(snippet: &str) -> (f64, f64) {
        assert!(snippet.contains("F.cross_entropy(p, target)"), "{snippet}");
        assert!(snippet.contains("torch.log(p[0, target])"), "{snippet}");
        let p: Vec<f64> = between(snippet, "torch.tensor([[", "]]")
            .split(", ")
            .map(|x| x.parse().unwrap())
            .collect();
        let c: usize = between(snippet, "target = torch.tensor([", "])")
            .parse()
            .unwrap();
        let lse = p.iter().map(|x| x.exp()).sum::<f64>().ln();
        (lse - p[c], p[c].ln())
    }

    /// The sentence loss the snippet prints: the mean of `−log p_t` over `p_t` repeated.
    fn run_sentence(snippet: &str) -> f64 {
        let p_t: Vec<f64> = between(snippet, "p_t = torch.tensor([", "]")
            .split(", ")
            .map(|x| x.parse().unwrap())
            .collect();
        let repeat: usize = between(snippet, ".repeat(", ")").parse().unwrap();
        let all: Vec<f64> = std::iter::repeat_n(&p_t, repeat)
            .flatten()
            .copied()
            .collect();
        all.iter().map(|p| -p.ln()).sum::<f64>() / all.len() as f64
    }

    fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
        let i = text.find(start).expect(start) + start.len();
        let j = text[i..].find(end).expect(end) + i;
        &text[i..j]
    }

    #[test]
    fn the_snippet_prints_the_sentence_and_the_mistakes_the_widget_shows() {
        for (query, actions) in [
            ("", vec![]),
            (
                "?tokens=it,was,a,good,day&pt=0.5,0.5,0.5,0.5,0.5&repeat=30",
                vec![],
            ),
            (
                "?words=six,four,dot&p=0.1,0.2,0.7&tokens=six,six,four&correct=four",
                vec![Action::SetTokenProb {
                    index: 2,
                    value: 0.35,
                }],
            ),
            ("?p=1,0,0,0,0", vec![Action::SetCorrect(1)]),
        ] {
            let m = actions
                .into_iter()
                .fold(Model::new(parse_query(query).0), Model::apply);
            let snippet = pytorch_snippet(&m);
            let sentence = m.sentence().loss();
            let printed = run_sentence(&snippet);
            let want = sentence.loss(Units::Nats);
            assert!(
                printed == want || (printed - want).abs() < 1e-12,
                "{query}: {printed} vs {want}\n{snippet}"
            );
            assert_eq!(readout(printed.exp()), readout(sentence.perplexity()));
            let (as_logits, minus) = run_mistakes(&snippet);
            let y = m.prediction();
            assert!(
                (as_logits - y.probabilities_as_logits()).abs() < 1e-12,
                "{query}"
            );
            assert_eq!(readout(as_logits), readout(y.probabilities_as_logits()));
            assert_eq!(minus, y.minus_sign_dropped(), "{query}");
        }
        // Without those parts the snippet is the prediction alone.
        let m = Model::new(parse_query("?panels=plot,export").0);
        let snippet = pytorch_snippet(&m);
        assert!(
            !snippet.contains("p_t") && !snippet.contains("as logits"),
            "{snippet}"
        );
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
        assert_eq!(readout(printed), readout(m.prediction().loss(Units::Nats)));
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

    /// `cross_entropy(z / T, c)` and `logsumexp(z / T)` recomputed from the snippet's own `z`
    /// and `T` (ε = 0), and each model's `cross_entropy(log p, c)` from its `p_a`, `p_b`.
    #[test]
    fn the_snippet_prints_the_logits_and_both_models_losses() {
        let query = "?words=a,b,c&p=0.5,0.3,0.2&correct=b&temperature=2.5&pb=0.1,0.6,0.3";
        let m = Model::new(parse_query(query).0);
        let s = pytorch_snippet(&m);
        let list = |start: &str| -> Vec<f64> {
            between(&s, start, "]]")
                .split(", ")
                .map(|x| x.parse().unwrap())
                .collect()
        };
        let z = list("z = torch.tensor([[");
        let t: f64 = between(&s, "T = ", "\n").parse().unwrap();
        assert_eq!(t, 2.5);
        let scaled: Vec<f64> = z.iter().map(|z| z / t).collect();
        let lse = scaled.iter().map(|x| x.exp()).sum::<f64>().ln();
        assert!(
            s.contains("F.cross_entropy(z / T, target, label_smoothing=0)"),
            "{s}"
        );
        assert_eq!(readout(lse - scaled[1]), readout(m.loss()));
        assert_eq!(readout(lse), readout(m.log_sum_exp()));
        for (name, i) in [("p_a", 0), ("p_b", 1)] {
            let p = list(&format!("{name} = torch.tensor([["));
            let z: Vec<f64> = p.iter().map(|p| p.ln()).collect();
            let loss = -log_softmax(&z).unwrap()[1];
            assert_eq!(
                readout(loss),
                readout(m.model(i).loss(Units::Nats)),
                "{name}"
            );
        }
        assert_eq!(list("p_b = torch.tensor([["), [0.1, 0.6, 0.3]);
        assert!(
            s.contains("ratio {high / low if low > 0 else math.inf:.1f}"),
            "{s}"
        );
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
