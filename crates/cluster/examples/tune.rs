//! Parameter sweep on the dev set (development aid): `cargo run -p parallax-cluster --example tune`.

mod common;

use parallax_cluster::{Params, eval};

fn main() {
    // EXTRACT=1: read the corpus the way `parallax cluster` does (ingest + extract).
    let (mut articles, mut gl) = common::dev_set(std::env::var("EXTRACT").is_ok());
    if let Ok(h) = std::env::var("HALF") {
        // Half of the stories (by gold label parity), to check that a setting holds up.
        let h: usize = h.parse().unwrap();
        let keep: Vec<bool> = gl.iter().map(|&l| l % 2 == h).collect();
        let mut k = keep.iter();
        articles.retain(|_| *k.next().unwrap());
        gl.retain(|&l| l % 2 == h);
    }
    let copies = parallax_dedup::copy_of(&articles);
    let base = Params::default();
    let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
    let list = |k: &str, d: &str| env(k, d).split(',').map(|x| x.parse::<f32>().unwrap()).collect::<Vec<f32>>();
    let mut grid: Vec<(String, Params)> = Vec::new();
    for keep in list("KEEP", "80") {
        for nb in list("NB", "1") {
            for th in list("TH", "0.1,0.12,0.14,0.16,0.18,0.2") {
                for mt in list("MT", "2") {
                    for ip in list("IP", "1,1.5,2") {
                        for tw in list("TW", "2") {
                            for link in list("LINK", "0.5") {
                                for prior in list("PRIOR", "100") {
                                    for udf in list("UDF", "1") {
                                        for cr in list("CR", "0.5") {
                                            for st in list("ST", "2,0.06,0.08,0.1,0.12") {
                                                let p = Params {
                                                    keep_terms: keep as usize,
                                                    name_boost: nb,
                                                    threshold: th,
                                                    merge_threshold: mt,
                                                    idf_power: ip,
                                                    title_weight: tw,
                                                    link,
                                                    idf_prior_docs: prior,
                                                    unknown_date_factor: udf,
                                                    cohesion_ratio: cr,
                                                    singleton_threshold: st,
                                                    name_gate: env("GATE", "1") == "1",
                                                    ..base.clone()
                                                };
                                                grid.push((format!("keep {keep} nb {nb} th {th} mt {mt} ip {ip} tw {tw} link {link} prior {prior} udf {udf} cr {cr} st {st}"), p));
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    for (name, p) in grid {
        let c = parallax_cluster::cluster_with(&articles, &copies, &p);
        let s = eval::score_labels(&eval::labels(&c, articles.len()), &gl);
        println!("{name}: {s}");
        if std::env::var("LIST").is_ok() {
            for m in &c {
                let names: Vec<String> = m.iter().map(|&i| common::basename(&articles[i])).collect();
                println!("story {}", names.join(" "));
            }
        }
        if std::env::var("DUMP").is_ok() {
            for m in &c {
                let mut g: Vec<usize> = m.iter().map(|&i| gl[i]).collect();
                g.sort();
                g.dedup();
                if g.len() > 1 {
                    println!("-- mixed story");
                    for &i in m {
                        let b: String = articles[i].body.chars().take(90).collect();
                        println!("   g{} {} {}", gl[i], articles[i].source, b.replace('\n', " "));
                    }
                }
            }
        }
    }
}
