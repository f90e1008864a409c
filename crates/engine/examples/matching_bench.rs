//! Batch matching benchmark (issue 6): 20,000 waiting service users against 50,000 volunteers,
//! about 30 candidates each, solved optimally by `best_assignment` and by the greedy baseline.
//!
//! The instance is generated from a seed, so every run (and every machine) sees the same one:
//! people are spread over a 100 km square, each service user's candidates are volunteers in
//! their own and the neighbouring 5 km cells, and a pair's fit (1..=100) is mostly nearness
//! plus a bonus for shared interests. `--instance PATH` writes it out for
//! `tools/bench/ortools_matching.py`: a line `left right candidates`, then one capacity per
//! volunteer, then `left right fit` per candidate, all whitespace-separated integers.
//!
//! Usage: `cargo run --release -p alongside-engine --example matching_bench -- [--seed N]
//! [--left N] [--right N] [--candidates N] [--max-capacity N] [--repeat N] [--instance PATH]
//! [--json]`

use std::io::Write;
use std::time::Instant;

use alongside_engine::assignment::{Assignment, Candidate, best_assignment, greedy_assignment};

/// The benchmark's knobs, with the sizes as defaults.
struct Options {
    seed: u64,
    left: usize,
    right: usize,
    candidates: usize,
    max_capacity: u32,
    repeat: usize,
    instance: Option<String>,
    json: bool,
    /// Internal: solve once with this solver and print resident memory before and at peak.
    memory_of: Option<String>,
}

fn parse_options() -> Result<Options, String> {
    let mut o = Options {
        seed: 6,
        left: 20_000,
        right: 50_000,
        candidates: 30,
        max_capacity: 3,
        repeat: 3,
        instance: None,
        json: false,
        memory_of: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--json" {
            o.json = true;
            continue;
        }
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|e| format!("{flag} {value}: {e}"))
        };
        let count = || usize::try_from(number()?).map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--seed" => o.seed = number()?,
            "--left" => o.left = count()?,
            "--right" => o.right = count()?.max(1),
            "--candidates" => o.candidates = count()?,
            "--max-capacity" => {
                o.max_capacity = u32::try_from(number()?).map_err(|e| e.to_string())?.max(1);
            }
            "--repeat" => o.repeat = count()?.max(1),
            "--instance" => o.instance = Some(value),
            "--memory-of" => o.memory_of = Some(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(o)
}

/// SplitMix64: tiny, fast, and good enough to spread people about; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0); the modulo bias is negligible for these small n.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A 12-bit interest mask, each interest held by about a quarter of people.
    fn interests(&mut self) -> u32 {
        (0..12).fold(0, |m, bit| m | (u32::from(self.below(4) == 0) << bit))
    }
}

/// A generated instance: volunteers' capacities and the candidate pairs.
struct Instance {
    left: usize,
    capacity: Vec<u32>,
    candidates: Vec<Candidate>,
}

const AREA_KM: f64 = 100.0;
const CELL_KM: f64 = 5.0;

fn generate(o: &Options) -> Instance {
    let mut rng = Rng(o.seed);
    let cells = (AREA_KM / CELL_KM) as usize;
    let cell_of = |x: f64| ((x / CELL_KM) as usize).min(cells - 1);
    let mut vx = Vec::with_capacity(o.right);
    let mut capacity = Vec::with_capacity(o.right);
    for _ in 0..o.right {
        let (x, y) = (rng.unit() * AREA_KM, rng.unit() * AREA_KM);
        vx.push((x, y, rng.interests()));
        capacity.push(1 + rng.below(o.max_capacity as usize) as u32);
    }
    // Volunteers grouped by 5 km cell (a counting sort), to find those near a service user.
    let mut start = vec![0usize; cells * cells + 1];
    for &(x, y, _) in &vx {
        start[cell_of(y) * cells + cell_of(x) + 1] += 1;
    }
    for i in 0..cells * cells {
        start[i + 1] += start[i];
    }
    let mut next = start.clone();
    let mut by_cell = vec![0usize; o.right];
    for (v, &(x, y, _)) in vx.iter().enumerate() {
        let cell = cell_of(y) * cells + cell_of(x);
        by_cell[next[cell]] = v;
        next[cell] += 1;
    }
    let mut candidates = Vec::with_capacity(o.left * o.candidates);
    let mut near = Vec::new();
    let mut chosen = Vec::new();
    for l in 0..o.left {
        let (x, y, likes) = (rng.unit() * AREA_KM, rng.unit() * AREA_KM, rng.interests());
        let (cx, cy) = (cell_of(x), cell_of(y));
        near.clear();
        for gy in cy.saturating_sub(1)..=(cy + 1).min(cells - 1) {
            for gx in cx.saturating_sub(1)..=(cx + 1).min(cells - 1) {
                let cell = gy * cells + gx;
                near.extend_from_slice(&by_cell[start[cell]..start[cell + 1]]);
            }
        }
        // About `candidates` each (± a third), distinct, drawn from the volunteers nearby.
        let spread = (o.candidates / 3).max(1);
        let want = (o.candidates + rng.below(2 * spread + 1)).saturating_sub(spread);
        chosen.clear();
        while chosen.len() < want.min(near.len()) {
            let v = near[rng.below(near.len())];
            if !chosen.contains(&v) {
                chosen.push(v);
            }
        }
        for &v in &chosen {
            let (vx_, vy, theirs) = vx[v];
            let km = ((x - vx_).powi(2) + (y - vy).powi(2)).sqrt();
            let nearness = 75.0 * (1.0 - km / 15.0).max(0.0);
            let shared = f64::from((likes & theirs).count_ones()).min(3.0);
            let fit = (nearness + 10.0 * shared).round().clamp(1.0, 100.0) as i64;
            candidates.push(Candidate {
                left: l,
                right: v,
                fit,
            });
        }
    }
    Instance {
        left: o.left,
        capacity,
        candidates,
    }
}

fn write_instance(path: &str, inst: &Instance) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "{} {} {}",
        inst.left,
        inst.capacity.len(),
        inst.candidates.len()
    )?;
    for c in &inst.capacity {
        writeln!(out, "{c}")?;
    }
    for c in &inst.candidates {
        writeln!(out, "{} {} {}", c.left, c.right, c.fit)?;
    }
    out.flush()
}

/// A field of /proc/self/status in bytes (Linux; 0 elsewhere, where the figure is left out).
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kb| kb * 1024)
}

/// Resets the process's peak resident size to its current size (Linux ≥ 4.0), so the peak read
/// after a solve is that solve's peak, not instance generation's.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The two solvers, by the names used on the command line and in the output.
fn solve(name: &str, inst: &Instance) -> Assignment {
    let solver = if name == "greedy" {
        greedy_assignment
    } else {
        best_assignment
    };
    solver(inst.left, &inst.capacity, &inst.candidates)
}

/// One solver's figures: its result, the time of each run, and (from a fresh process) the
/// resident memory before the solve and at its peak.
struct Run {
    result: Assignment,
    seconds: Vec<f64>,
    rss_before: u64,
    peak_rss: u64,
}

/// Times `repeat` runs here, and measures memory in a child process that regenerates the same
/// instance and solves once: in this process, memory freed by an earlier run stays resident
/// and would hide the next run's peak.
fn measure(name: &str, inst: &Instance, repeat: usize) -> Result<Run, String> {
    let mut seconds = Vec::new();
    let mut result = None;
    for _ in 0..repeat {
        drop(result.take());
        let t = Instant::now();
        let r = solve(name, inst);
        seconds.push(t.elapsed().as_secs_f64());
        result = Some(r);
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = std::process::Command::new(exe)
        .args(std::env::args().skip(1))
        .args(["--memory-of", name])
        .output()
        .map_err(|e| format!("measuring memory: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut numbers = text.split_whitespace().map(str::parse::<u64>);
    let (Some(Ok(rss_before)), Some(Ok(peak_rss))) = (numbers.next(), numbers.next()) else {
        return Err(format!("measuring memory: unexpected output {text:?}"));
    };
    Ok(Run {
        result: result.unwrap_or(Assignment {
            pairs: Vec::new(),
            total_fit: 0,
        }),
        seconds,
        rss_before,
        peak_rss,
    })
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn run_json(r: &Run) -> String {
    let times: Vec<String> = r.seconds.iter().map(|s| format!("{s:.4}")).collect();
    format!(
        "{{\"total_fit\": {}, \"pairs\": {}, \"seconds_median\": {:.4}, \"seconds\": [{}], \
         \"rss_before_bytes\": {}, \"peak_rss_bytes\": {}, \"peak_extra_bytes\": {}}}",
        r.result.total_fit,
        r.result.pairs.len(),
        median(&r.seconds),
        times.join(", "),
        r.rss_before,
        r.peak_rss,
        r.peak_rss.saturating_sub(r.rss_before)
    )
}

fn main() -> Result<(), String> {
    let o = parse_options()?;
    let t = Instant::now();
    let inst = generate(&o);
    let generate_seconds = t.elapsed().as_secs_f64();
    if let Some(name) = &o.memory_of {
        reset_peak();
        let before = status_bytes("VmRSS");
        let result = solve(name, &inst);
        println!("{before} {}", status_bytes("VmHWM"));
        drop(result);
        return Ok(());
    }
    if let Some(path) = &o.instance {
        write_instance(path, &inst).map_err(|e| format!("writing {path}: {e}"))?;
    }
    let places: u64 = inst.capacity.iter().map(|&c| u64::from(c)).sum();
    let best = measure("best", &inst, o.repeat)?;
    let greedy = measure("greedy", &inst, o.repeat)?;
    let share = 100.0 * greedy.result.total_fit as f64 / best.result.total_fit.max(1) as f64;
    if o.json {
        println!(
            "{{\"seed\": {}, \"left\": {}, \"right\": {}, \"places\": {}, \"candidates\": {}, \
             \"generate_seconds\": {:.3}, \"repeat\": {},\n \"best\": {},\n \"greedy\": {},\n \
             \"greedy_share_of_optimum_percent\": {:.3}}}",
            o.seed,
            inst.left,
            inst.capacity.len(),
            places,
            inst.candidates.len(),
            generate_seconds,
            o.repeat,
            run_json(&best),
            run_json(&greedy),
            share
        );
    } else {
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        println!(
            "instance: seed {}, {} service users, {} volunteers ({} places), {} candidates",
            o.seed,
            inst.left,
            inst.capacity.len(),
            places,
            inst.candidates.len()
        );
        for (name, r) in [("best", &best), ("greedy", &greedy)] {
            println!(
                "{name:>6}: total fit {:>9}, {:>6} pairs, {:>8.1} ms (median of {}), peak RSS \
                 {:.1} MiB (+{:.1} MiB over the instance)",
                r.result.total_fit,
                r.result.pairs.len(),
                1000.0 * median(&r.seconds),
                r.seconds.len(),
                mib(r.peak_rss),
                mib(r.peak_rss.saturating_sub(r.rss_before))
            );
        }
        println!("greedy reaches {share:.2}% of the optimum");
    }
    Ok(())
}
