def test_visitor_sees_the_public_home_page(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert response.templates[0].name == "home/public.html"


def test_member_sees_their_dashboard(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get("/")

    assert response.status_code == 200
    assert response.templates[0].name == "home/dashboard.html"
    assert "Welcome, Sam Staff" in response.content.decode()


def test_head_without_second_factor_is_sent_to_set_one_up(client, school_a):
    from reconnect.accounts.tests.factories import UserFactory
    from reconnect.schools.roles import SchoolRole
    from reconnect.schools.tests.factories import MembershipFactory

    head = UserFactory(email="new.head@example.org")
    MembershipFactory(user=head, school=school_a, role=SchoolRole.SCHOOL_LEAD)
    client.force_login(head)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
