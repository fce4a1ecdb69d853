import Testing
@testable import Templates

@Test func smoke() throws {
    let env = try TemplateEnvironment(templates: [
        "base.html": "<title>{% block title %}{{ page.title }}{% endblock %}</title>{% block main %}{% endblock %}",
        "page.html": "{% extends \"base.html\" %}{% block title %}X {{ super() }}{% endblock %}{% block main %}{% for x in [1,2,3] %}{{ loop.index }}{% if not loop.last %},{% endif %}{% endfor %}{% endblock %}",
    ], options: TemplateOptions())
    let out = try env.render("page.html", context: ["page": ["title": "A <b>"]])
    print(out)
    #expect(out == "<title>X A &lt;b&gt;</title>1,2,3")
}
