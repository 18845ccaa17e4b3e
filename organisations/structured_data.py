"""schema.org data about organisations and people, for search engines."""

from publishing.formatting import as_text


def organisation_json_ld(organisation, *, url):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": url,
        "address": {"@type": "PostalAddress", "addressCountry": organisation.country.code},
    }
    if organisation.city:
        data["address"]["addressLocality"] = organisation.city
    if organisation.website:
        data["sameAs"] = [organisation.website]
    if organisation.founded:
        data["foundingDate"] = organisation.founded.isoformat()
    if organisation.description:
        data["description"] = as_text(organisation.description)
    if organisation.parent_id and organisation.parent.is_published:
        data["parentOrganization"] = {"@type": "Organization", "name": organisation.parent.name}
    return data


def person_json_ld(person, *, url, conferments):
    """A public person: name, work and awards, never their contacts."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.full_name,
        "url": url,
    }
    alternates = [name for name in (person.full_name_latin, person.full_name_cyrillic) if name]
    if alternates:
        data["alternateName"] = alternates
    if person.position:
        data["jobTitle"] = person.position
    if person.country:
        data["homeLocation"] = {"@type": "Country", "name": str(person.country.name)}
    awards = [f"{conferment.medal.name} ({conferment.date.year})" for conferment in conferments]
    if awards:
        data["award"] = awards
    return data
