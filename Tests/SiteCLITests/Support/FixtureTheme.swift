/// A small theme that renders every template of the contract's table and prints the context
/// it is given in a form the tests can assert on.
enum FixtureTheme {
    static let templates: [String: String] = [
        "base.html": """
        <!DOCTYPE html>
        <html lang="{{ site.language }}"><head><title>{% block title %}{{ page.title }}{% endblock %} | {{ site.title }}</title></head>
        <body><nav>{% for m in site.menu %}<a href="{{ m.url }}">{{ m.title }}</a>{% endfor %}</nav>
        <main>{% block main %}{% endblock %}</main>
        <footer>{{ site.build_date }}</footer></body></html>
        """,
        "home.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>kind={{ page.kind }} url={{ page.url }}
        {{ page.content }}
        upcoming:{% for m in site.upcoming_meetings %} {{ m.slug }}{% endfor %}
        past:{% for m in site.past_meetings %} {{ m.slug }}{% endfor %}
        news:{% for n in site.news %} {{ n.slug }}{% endfor %}
        pages:{% for p in site.pages %} {{ p.slug }}{% endfor %}
        map:{{ region_map }}{% endblock %}
        """,
        "page.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{{ page.content }}{% endblock %}
        """,
        "regions.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>
        {% for r in site.regions %}<a href="{{ r.url }}">{{ r.title }}</a> trekker={% if r.trekker %}{{ r.trekker.title }}{% else %}vacant{% endif %}
        {% endfor %}{% endblock %}
        """,
        "region.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>code={{ page.code }} n={{ page.municipalities | length }}
        trekker={% if page.trekker %}{{ page.trekker.slug }}{% else %}none{% endif %}
        meetings:{% for m in page.meetings %} {{ m.slug }}{% endfor %}
        news:{% for n in page.news %} {{ n.slug }}{% endfor %}
        {{ page.content }}{% endblock %}
        """,
        "trekkers.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{% for t in site.trekkers %} {{ t.slug }}={{ t.region.slug }}{% endfor %}{% endblock %}
        """,
        "trekker.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>region={{ page.region.title }} back={{ page.region.trekker.slug }}{% endblock %}
        """,
        "themes.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{% for t in site.themes %} {{ t.slug }}{% endfor %}{% endblock %}
        """,
        "theme.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>meetings:{% for m in page.meetings %} {{ m.slug }}{% endfor %} news:{% for n in page.news %} {{ n.slug }}{% endfor %}{% endblock %}
        """,
        "meetings.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{% for m in site.meetings %} {{ m.slug }}{% endfor %}{% endblock %}
        """,
        "meeting.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>date={{ page.date }} upcoming={{ page.upcoming }}
        host={% if page.host_region %}{{ page.host_region.slug }}{% else %}none{% endif %}
        themes:{% for t in page.themes %} {{ t.slug }}{% endfor %} regions:{% for r in page.regions %} {{ r.slug }}{% endfor %}
        toc:{% for h in page.toc %} {{ h.level }}/{{ h.id }}{% endfor %}
        {{ page.content }}{% endblock %}
        """,
        "news.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{% for n in site.news %} {{ n.slug }}{% endfor %}{% endblock %}
        """,
        "news_item.html": """
        {% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{{ page.content }}{% endblock %}
        """,
        "404.html": """
        {% extends "base.html" %}{% block title %}Niet gevonden{% endblock %}{% block main %}<h1>Niet gevonden</h1>{% endblock %}
        """,
    ]
}
