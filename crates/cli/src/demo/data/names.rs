//! Names reflecting West Yorkshire's population, the names people go by, and the languages they
//! speak.

/// A group of names that go together, with the languages often spoken alongside English.
pub struct NameGroup {
    /// Relative share of the population, in per cent.
    pub weight: u32,
    /// Given names.
    pub given: &'static [&'static str],
    /// Family names.
    pub family: &'static [&'static str],
    /// Community languages.
    pub languages: &'static [&'static str],
}

/// Names reflecting West Yorkshire's population.
#[rustfmt::skip]
pub const NAME_GROUPS: &[NameGroup] = &[
    NameGroup {
        weight: 64,
        given: &["Oliver", "George", "Harry", "Jack", "James", "William", "Thomas", "Daniel",
            "Matthew", "David", "Peter", "John", "Michael", "Robert", "Stephen", "Christopher",
            "Olivia", "Amelia", "Isla", "Emily", "Sophie", "Chloe", "Hannah", "Margaret", "Susan",
            "Patricia", "Barbara", "Linda", "Jean", "Janet", "Elaine", "Sarah", "Rachel",
            "Charlotte", "Niamh", "Callum", "Rhys", "Bethany", "Keith", "Brian"],
        family: &["Smith", "Jones", "Taylor", "Brown", "Wilson", "Walker", "Wood", "Robinson",
            "Thompson", "Wright", "Hall", "Green", "Clarke", "Harrison", "Jackson", "Atkinson",
            "Holmes", "Barker", "Sutcliffe", "Hirst", "Ackroyd", "Greenwood", "Murphy", "O'Brien",
            "Kelly", "Evans", "Davies", "Campbell", "Shaw", "Lister"],
        languages: &[],
    },
    NameGroup {
        weight: 12,
        given: &["Mohammed", "Imran", "Zain", "Bilal", "Hamza", "Adeel", "Tariq", "Ayesha",
            "Fatima", "Zara", "Saima", "Nasreen", "Amina", "Maryam", "Hina"],
        family: &["Hussain", "Khan", "Ahmed", "Akhtar", "Iqbal", "Mahmood", "Ali", "Rashid",
            "Butt", "Rehman"],
        languages: &["Urdu", "Punjabi"],
    },
    NameGroup {
        weight: 5,
        given: &["Priya", "Anjali", "Neha", "Sunita", "Ravi", "Arjun", "Vikram", "Harpreet",
            "Gurpreet", "Manjit", "Deepak", "Kiran"],
        family: &["Patel", "Sharma", "Singh", "Kaur", "Mistry", "Gill", "Sandhu", "Chauhan"],
        languages: &["Gujarati", "Punjabi", "Hindi"],
    },
    NameGroup {
        weight: 2,
        given: &["Abdul", "Rahima", "Shahana", "Jamal", "Nusrat", "Rubel"],
        family: &["Begum", "Uddin", "Miah", "Rahman", "Chowdhury"],
        languages: &["Bengali", "Sylheti"],
    },
    NameGroup {
        weight: 4,
        given: &["Agnieszka", "Katarzyna", "Magdalena", "Piotr", "Tomasz", "Krzysztof", "Ewa",
            "Paweł"],
        family: &["Nowak", "Mazur", "Kaczmarek", "Wójcik", "Zając", "Krawczyk"],
        languages: &["Polish"],
    },
    NameGroup {
        weight: 1,
        given: &["Andrei", "Ioana", "Mihai", "Elena"],
        family: &["Popescu", "Ionescu", "Dumitru"],
        languages: &["Romanian"],
    },
    NameGroup {
        weight: 3,
        given: &["Chidi", "Adebayo", "Folake", "Ngozi", "Kwame", "Ama", "Blessing", "Tunde"],
        family: &["Okafor", "Adeyemi", "Mensah", "Osei", "Eze", "Boateng"],
        languages: &["Yoruba", "Igbo", "Twi"],
    },
    NameGroup {
        weight: 3,
        given: &["Marcia", "Delroy", "Jerome", "Simone", "Leroy", "Precious"],
        family: &["Francis", "Williams", "Grant", "Thomas", "Campbell"],
        languages: &[],
    },
    NameGroup {
        weight: 1,
        given: &["Abdi", "Hodan", "Ayaan", "Mohamed"],
        family: &["Farah", "Hassan", "Abdullahi", "Warsame"],
        languages: &["Somali", "Arabic"],
    },
    NameGroup {
        weight: 3,
        given: &["Omar", "Layla", "Yousef", "Rania", "Karwan", "Shilan"],
        family: &["Haddad", "Saleh", "Ahmadi", "Karim", "Mustafa"],
        languages: &["Arabic", "Kurdish"],
    },
    NameGroup {
        weight: 2,
        given: &["Wei", "Mei", "Jun", "Xin", "Ling", "Hao"],
        family: &["Chen", "Wong", "Li", "Zhang", "Cheung"],
        languages: &["Cantonese", "Mandarin"],
    },
];

/// Shortened names some people go by: (given name, preferred name).
pub const PREFERRED_NAMES: &[(&str, &str)] = &[
    ("Christopher", "Chris"),
    ("Margaret", "Maggie"),
    ("Patricia", "Pat"),
    ("Mohammed", "Mo"),
    ("Katarzyna", "Kasia"),
    ("Matthew", "Matt"),
    ("Robert", "Bob"),
    ("Susan", "Sue"),
    ("Krzysztof", "Chris"),
    ("Adebayo", "Bayo"),
];

/// Languages anyone might have learned, with the chance in a thousand of listing each.
pub const OTHER_LANGUAGES: &[(&str, u32)] = &[
    ("British Sign Language", 20),
    ("French", 35),
    ("Spanish", 20),
    ("German", 10),
];
