//! The model's hot path, natively: one slider move plus everything the next frame shows
//! (loss, perplexity, gradient, readout strings, plot geometry), for K = 5 and K = 10.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use loss_explorer::config::parse_query;
use loss_explorer::format::{loss_formula, perplexity_formula, plot_description, readout};
use loss_explorer::geometry;
use loss_explorer::loss::Units;
use loss_explorer::model::{Action, Model};

/// What one `input` event costs before the DOM and the canvas: the transition and every
/// derived value the view reads.
fn frame(model: Model, value: f64) -> (Model, usize) {
    let m = model.apply(Action::SetProb { index: 0, value });
    let units = m.units();
    let marker = geometry::marker(m.p_correct(), m.one_hot_loss(), units);
    let tangent = geometry::tangent(marker, m.slope(), (500.0, 60.0), 38.0);
    let gradient = m.gradient();
    let arrows = m
        .probs()
        .iter()
        .zip(&gradient)
        .filter_map(|(&p, &g)| geometry::arrow(p, g))
        .count();
    let smoothed = m.smoothing() > 0.0;
    let text = readout(m.loss()).len()
        + readout(m.perplexity()).len()
        + loss_formula(units, m.p_correct(), m.loss(), smoothed).len()
        + perplexity_formula(units, m.one_hot_loss(), m.perplexity()).len()
        + plot_description(units, m.correct_word(), m.p_correct(), m.loss(), m.slope()).len();
    (m, text + arrows + usize::from(tangent.is_some()))
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("slider move + frame");
    for (k, query) in [
        (5, ""),
        (10, "?words=a,b,c,d,e,f,g,h,i,j&p=1,2,3,4,5,6,7,8,9,10"),
    ] {
        let start = Model::new(parse_query(query).0);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("K={k}")),
            &start,
            |b, start| {
                let mut m = start.clone();
                let mut i = 0u32;
                b.iter(|| {
                    i = i.wrapping_add(1);
                    let value = 0.05 + f64::from(i % 90) / 100.0;
                    let (next, n) =
                        frame(std::mem::replace(&mut m, start.clone()), black_box(value));
                    m = next;
                    black_box(n)
                });
            },
        );
    }
    group.finish();
    c.bench_function("curve samples (static, computed once per unit)", |b| {
        b.iter(|| black_box(geometry::curve(black_box(Units::Nats))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
