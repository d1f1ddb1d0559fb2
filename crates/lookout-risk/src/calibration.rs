//! How a score ranks a labelled set: ROC AUC (the chance that a random positive scores above a
//! random negative, ties counting half) and precision at the top k (ties at the cut shared in
//! proportion, so the figure does not depend on the order of equal scores). [`evaluate`] takes
//! its labels from the sanctions lists: vessels designated after the scored date are the
//! positives.

use serde::Serialize;

use crate::score::Assessment;

/// A positive and where the score put it.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    /// Vessel name.
    pub vessel: String,
    /// Position in the ranking, from 1.
    pub rank: usize,
    /// Its score.
    pub score: f64,
}

/// How the score ranked the vessels designated after the scored date.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Vessels whose listing starts after the date (`not_yet_listed`).
    pub positives: Vec<Ranked>,
    /// Vessels no list names.
    pub negatives: usize,
    /// Left out: already listed on the date, listed without a date, delisted, or ambiguous.
    pub left_out: Vec<String>,
    /// ROC AUC.
    pub roc_auc: Option<f64>,
    /// Precision among the 20 highest scores.
    pub precision_at_20: Option<f64>,
    /// Precision among as many highest scores as there are positives (R-precision).
    pub precision_at_positives: Option<f64>,
}

/// Labels a ranked fleet from its listing status on the scored date and measures the ranking.
pub fn evaluate(ranked: &[Assessment]) -> Evaluation {
    let mut positives = Vec::new();
    let mut left_out = Vec::new();
    let mut scored = Vec::new();
    for (i, a) in ranked.iter().enumerate() {
        match a.sanctions.as_ref().map_or("not_listed", |s| s.status) {
            "not_yet_listed" => {
                positives.push(Ranked {
                    vessel: a.vessel.name.clone(),
                    rank: i + 1,
                    score: a.score,
                });
                scored.push((a.score, true));
            }
            "not_listed" => scored.push((a.score, false)),
            _ => left_out.push(a.vessel.name.clone()),
        }
    }
    Evaluation {
        negatives: scored.len() - positives.len(),
        roc_auc: roc_auc(&scored),
        precision_at_20: precision_at(&scored, 20),
        precision_at_positives: precision_at(&scored, positives.len()),
        positives,
        left_out,
    }
}

/// ROC AUC of (score, label) pairs; None without both classes.
pub fn roc_auc(scored: &[(f64, bool)]) -> Option<f64> {
    let pos: Vec<f64> = scored.iter().filter(|s| s.1).map(|s| s.0).collect();
    let neg: Vec<f64> = scored.iter().filter(|s| !s.1).map(|s| s.0).collect();
    if pos.is_empty() || neg.is_empty() {
        return None;
    }
    let mut wins = 0.0;
    for &p in &pos {
        for &n in &neg {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    Some(wins / (pos.len() * neg.len()) as f64)
}

/// Share of positives among the k highest scores (the expected share when ties straddle the cut).
pub fn precision_at(scored: &[(f64, bool)], k: usize) -> Option<f64> {
    if k == 0 || scored.len() < k {
        return None;
    }
    let mut s: Vec<(f64, bool)> = scored.to_vec();
    s.sort_by(|a, b| b.0.total_cmp(&a.0));
    let cut = s[k - 1].0;
    let above: Vec<&(f64, bool)> = s.iter().filter(|x| x.0 > cut).collect();
    let tied: Vec<&(f64, bool)> = s.iter().filter(|x| x.0 == cut).collect();
    let from_tied = (k - above.len()) as f64;
    let pos_above = above.iter().filter(|x| x.1).count() as f64;
    let pos_tied = tied.iter().filter(|x| x.1).count() as f64;
    Some((pos_above + from_tied * pos_tied / tied.len() as f64) / k as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_and_precision_against_hand_counts() {
        let s = [(0.9, true), (0.8, false), (0.7, true), (0.1, false)];
        // Pairs: (0.9>0.8) (0.9>0.1) (0.7<0.8) (0.7>0.1): 3 of 4.
        assert_eq!(roc_auc(&s), Some(0.75));
        assert_eq!(precision_at(&s, 1), Some(1.0));
        assert_eq!(precision_at(&s, 2), Some(0.5));
        assert_eq!(precision_at(&s, 5), None);
        // All tied: AUC 0.5, precision = base rate.
        let t = [(0.0, true), (0.0, false), (0.0, false), (0.0, false)];
        assert_eq!(roc_auc(&t), Some(0.5));
        assert_eq!(precision_at(&t, 2), Some(0.25));
        assert_eq!(roc_auc(&[(1.0, true)]), None);
    }
}
