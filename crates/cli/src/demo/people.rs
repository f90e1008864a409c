//! The demo's volunteers: generated from the seeded random number generator.

use anyhow::{Context, Result};
use app::{App, Write};
use chrono::{Days, Months, NaiveDate};
use domain::ids::PersonId;
use domain::person::{Person, PersonInput};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::data::{self, NameGroup};
use super::{BATCH, Explain, PEOPLE, Progress, pick, suitable};

/// A generated volunteer.
pub(super) struct Volunteer {
    pub(super) id: PersonId,
    pub(super) age: u32,
}

/// Adds the generated volunteers in batches, without accounts (so no passwords to hash).
pub(super) async fn add_volunteers(
    app: &App,
    rng: &mut StdRng,
    progress: &mut Progress<'_>,
) -> Result<Vec<Volunteer>> {
    let today = app.clock.today();
    let mut people = Vec::with_capacity(PEOPLE);
    let mut batch = Vec::with_capacity(BATCH);
    for n in 0..PEOPLE {
        let (person, age) = make_volunteer(rng, n, today)?;
        people.push(Volunteer { id: person.id, age });
        batch.push(Write::InsertPerson(person, None));
        if batch.len() == BATCH || n + 1 == PEOPLE {
            app.store
                .apply(std::mem::take(&mut batch))
                .await
                .context("adding volunteers")?;
            progress.step();
        }
    }
    Ok(people)
}

/// The `n`th generated volunteer and their age.
fn make_volunteer(rng: &mut StdRng, n: usize, today: NaiveDate) -> Result<(Person, u32)> {
    let group = data::NAME_GROUPS
        .choose_weighted(rng, |g| g.weight)
        .context("choosing a name group")?;
    let given = *pick(rng, group.given)?;
    let family = *pick(rng, group.family)?;
    let age = random_age(rng)?;
    let input = PersonInput {
        given_name: given.into(),
        family_name: family.into(),
        preferred_name: preferred_name(rng, given),
        email: format!("{}.{}{}@example.com", ascii(given), ascii(family), n + 1),
        phone: format!("07700 900{:03}", n % 1000),
        date_of_birth: date_of_birth(rng, age, today)?.to_string(),
        postcode: postcode(rng)?,
        languages: languages(rng, group).join(", "),
        skills: some_of(rng, &suitable(data::SKILLS, age), 1..=3),
        interests: some_of(rng, data::INTERESTS, 1..=3),
        accessibility_needs: if rng.random_ratio(3, 100) {
            (*pick(rng, data::ACCESS_NEEDS)?).into()
        } else {
            String::new()
        },
    };
    let person = input
        .parse(PersonId::new(), today)
        .explain(|| format!("generating volunteer {n}"))?;
    Ok((person, age))
}

/// An age drawn from the volunteer age bands.
fn random_age(rng: &mut StdRng) -> Result<u32> {
    let (youngest, oldest, _) = data::AGE_BANDS
        .choose_weighted(rng, |band| band.2)
        .context("choosing an age band")?;
    Ok(rng.random_range(*youngest..=*oldest))
}

/// A birthday that makes someone exactly `age` on `today`.
fn date_of_birth(rng: &mut StdRng, age: u32, today: NaiveDate) -> Result<NaiveDate> {
    today
        .checked_sub_months(Months::new(12 * age))
        .and_then(|birthday| birthday.checked_sub_days(Days::new(rng.random_range(1..=364))))
        .context("working out a date of birth")
}

/// A West Yorkshire postcode, valid in form.
pub(super) fn postcode(rng: &mut StdRng) -> Result<String> {
    const INWARD_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let outward = pick(rng, data::OUTWARD_CODES)?;
    let digit = rng.random_range(0..10);
    let first = char::from(*pick(rng, INWARD_LETTERS)?);
    let second = char::from(*pick(rng, INWARD_LETTERS)?);
    Ok(format!("{outward} {digit}{first}{second}"))
}

/// English, often a community language, and sometimes a learned one.
fn languages(rng: &mut StdRng, group: &NameGroup) -> Vec<&'static str> {
    let mut spoken = vec!["English"];
    if rng.random_ratio(7, 10) {
        let how_many = 1 + usize::from(rng.random_ratio(3, 10));
        spoken.extend(group.languages.choose_multiple(rng, how_many).copied());
    }
    for (language, per_thousand) in data::OTHER_LANGUAGES {
        if rng.random_ratio(*per_thousand, 1000) {
            spoken.push(language);
        }
    }
    spoken
}

/// A short form of the given name, for about half the people who have one.
fn preferred_name(rng: &mut StdRng, given: &str) -> String {
    data::PREFERRED_NAMES
        .iter()
        .find(|(name, _)| *name == given)
        .filter(|_| rng.random_bool(0.5))
        .map(|(_, short)| (*short).to_owned())
        .unwrap_or_default()
}

/// A name as it might appear in an email address: ASCII letters only, in lower case.
fn ascii(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'ą' => Some('a'),
            'ć' => Some('c'),
            'ę' => Some('e'),
            'ł' => Some('l'),
            'ń' => Some('n'),
            'ó' => Some('o'),
            'ś' => Some('s'),
            'ź' | 'ż' => Some('z'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Between `range` distinct items, comma-separated.
pub(super) fn some_of(
    rng: &mut StdRng,
    items: &[&str],
    range: std::ops::RangeInclusive<usize>,
) -> String {
    let n = rng.random_range(range);
    let chosen: Vec<&str> = items.choose_multiple(rng, n).copied().collect();
    chosen.join(", ")
}
