//! The clock an outlet publishes by, from the country its address or its
//! language tag names: a paper under `.de` dates its stories by Berlin's
//! clock, one tagged `pt-BR` by São Paulo's. Only countries where (nearly)
//! everyone keeps one clock are listed; the United States, Canada,
//! Mexico, Russia, Australia and the like are not. The country domains
//! sites anywhere use as generic ones (`.co`, `.io`, `.tv`, `.me`, `.fm`,
//! `.ai`) are read like `.com`: by the language tag.

use chrono_tz::Tz;

/// The time zone of the country named by `host`'s top-level domain, or,
/// under a generic one, by the region of `language` ("de-DE", "pt_BR").
pub(crate) fn outlet_zone(host: Option<&str>, language: Option<&str>) -> Option<Tz> {
    let tld = host
        .and_then(|h| h.trim_end_matches('.').rsplit('.').next())
        .filter(|tld| tld.len() == 2 && !GENERIC.contains(tld));
    if let Some(tld) = tld {
        // A country of several clocks (us, ru, ca...) is no evidence
        // either way, and neither then is the language tag.
        return zone_of(tld);
    }
    let region = language?.split(['-', '_']).nth(1)?;
    (region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| zone_of(&region.to_ascii_lowercase()))
        .flatten()
}

/// Country domains sites anywhere use as generic ones: read like `.com`.
const GENERIC: &[&str] = &[
    "co", "io", "tv", "me", "fm", "ai", "ly", "to", "cc", "ws", "gg", "la", "nu", "tk", "so",
];

fn zone_of(country: &str) -> Option<Tz> {
    use chrono_tz::{Africa, America, Asia, Atlantic, Europe, Pacific};
    Some(match country {
        "de" => Europe::Berlin,
        "at" => Europe::Vienna,
        "ch" => Europe::Zurich,
        "li" => Europe::Vaduz,
        "fr" => Europe::Paris,
        "it" => Europe::Rome,
        // The Canaries and the Azores keep an hour less than the capital.
        "es" => Europe::Madrid,
        "pt" => Europe::Lisbon,
        "nl" => Europe::Amsterdam,
        "be" => Europe::Brussels,
        "lu" => Europe::Luxembourg,
        "dk" => Europe::Copenhagen,
        "no" => Europe::Oslo,
        "se" => Europe::Stockholm,
        "fi" => Europe::Helsinki,
        "pl" => Europe::Warsaw,
        "cz" => Europe::Prague,
        "sk" => Europe::Bratislava,
        "hu" => Europe::Budapest,
        "si" => Europe::Ljubljana,
        "hr" => Europe::Zagreb,
        "rs" => Europe::Belgrade,
        "ba" => Europe::Sarajevo,
        "mk" => Europe::Skopje,
        "al" => Europe::Tirane,
        "gr" => Europe::Athens,
        "bg" => Europe::Sofia,
        "ro" => Europe::Bucharest,
        "ua" => Europe::Kyiv,
        "md" => Europe::Chisinau,
        "by" => Europe::Minsk,
        "lt" => Europe::Vilnius,
        "lv" => Europe::Riga,
        "ee" => Europe::Tallinn,
        "ie" => Europe::Dublin,
        "uk" | "gb" => Europe::London,
        "is" => Atlantic::Reykjavik,
        "tr" => Europe::Istanbul,
        "il" => Asia::Jerusalem,
        "eg" => Africa::Cairo,
        "za" => Africa::Johannesburg,
        "ke" => Africa::Nairobi,
        "ng" => Africa::Lagos,
        "in" => Asia::Kolkata,
        "pk" => Asia::Karachi,
        "bd" => Asia::Dhaka,
        "jp" => Asia::Tokyo,
        "kr" => Asia::Seoul,
        "cn" => Asia::Shanghai,
        "tw" => Asia::Taipei,
        "hk" => Asia::Hong_Kong,
        "sg" => Asia::Singapore,
        "my" => Asia::Kuala_Lumpur,
        "ph" => Asia::Manila,
        "th" => Asia::Bangkok,
        "vn" => Asia::Ho_Chi_Minh,
        "nz" => Pacific::Auckland,
        "ar" => America::Argentina::Buenos_Aires,
        // Easter Island and the Galápagos keep other clocks, Brazil's west
        // too; nearly everyone lives on the capital's.
        "cl" => America::Santiago,
        "ec" => America::Guayaquil,
        "br" => America::Sao_Paulo,
        "pe" => America::Lima,
        "ve" => America::Caracas,
        "bo" => America::La_Paz,
        "uy" => America::Montevideo,
        "py" => America::Asuncion,
        "cu" => America::Havana,
        "do" => America::Santo_Domingo,
        "gt" => America::Guatemala,
        "cr" => America::Costa_Rica,
        "pa" => America::Panama,
        "sv" => America::El_Salvador,
        "hn" => America::Tegucigalpa,
        "ni" => America::Managua,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Europe};

    #[test]
    fn a_country_domain_names_its_clock() {
        assert_eq!(
            outlet_zone(Some("www.lanacion.com.ar"), None),
            Some(America::Argentina::Buenos_Aires)
        );
        assert_eq!(
            outlet_zone(Some("www.bbc.co.uk"), Some("en-US")),
            Some(Europe::London)
        );
        // A country with several clocks, or a domain used as a generic one.
        assert_eq!(outlet_zone(Some("example.us"), Some("de-DE")), None);
        assert_eq!(outlet_zone(Some("angel.co"), None), None);
        assert_eq!(
            outlet_zone(Some("news.example.io"), Some("de-DE")),
            Some(Europe::Berlin)
        );
    }

    #[test]
    fn under_a_generic_domain_the_language_tag_names_it() {
        assert_eq!(
            outlet_zone(Some("blog.wordpress.com"), Some("de-DE")),
            Some(Europe::Berlin)
        );
        assert_eq!(
            outlet_zone(Some("example.com"), Some("pt_BR")),
            Some(America::Sao_Paulo)
        );
        assert_eq!(outlet_zone(Some("example.com"), Some("en-US")), None);
        assert_eq!(outlet_zone(Some("example.com"), Some("es-419")), None);
        assert_eq!(outlet_zone(None, Some("de")), None);
    }
}
