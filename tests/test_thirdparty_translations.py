"""Django's and django-allauth's own messages reach the reader in their language (locale_thirdparty/)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import PERSONA_PASSWORD

# A sign-in persona who reads ParkLink in Persian.
SHIRIN = "shirin.ahmadi@pardis-park.example"


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.django_db
def test_signing_in_from_the_persian_interface_says_so_in_persian(make_user):
    # given Shirin, whose browser has the interface in Persian
    make_user(SHIRIN)
    client = Client(headers={"accept-language": "en"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"

    # when she signs in
    response = client.post(
        reverse("account_login"), {"login": SHIRIN, "password": PERSONA_PASSWORD}, follow=True
    )

    # then the confirmation is the Persian sentence, not allauth's English
    assert _messages(response) == [f"با {SHIRIN} باموفقیت وارد شدی."]


@pytest.mark.django_db
def test_signing_in_speaks_the_language_saved_on_the_account(make_user):
    # given Shirin saved Persian on her account, and signs in on a browser that asks for English
    make_user(SHIRIN, preferred_language="fa")
    client = Client(headers={"accept-language": "en"})

    # when she signs in
    response = client.post(
        reverse("account_login"), {"login": SHIRIN, "password": PERSONA_PASSWORD}, follow=True
    )

    # then the page after sign-in is Persian, and so is the message on it
    assert response.context["LANGUAGE_CODE"] == "fa"
    assert _messages(response) == [f"با {SHIRIN} باموفقیت وارد شدی."]


@pytest.mark.parametrize(
    ("language", "required", "too_short"),
    [
        ("kk", "Бұл өріс міндетті.", "Бұл құпиясөз тым қысқа. Онда кемінде 8 таңба болуы керек."),
        ("uz", "Bu maydon majburiy.", "Bu parol juda qisqa. Unda kamida 8 ta belgi bo\u02bblishi kerak."),
        ("tk", "Bu meýdança hökmany.", "Bu açar söz örän gysga. Onda azyndan 8 nyşan bolmaly."),
        ("ky", "Бул талаа милдеттүү.", "Бул сырсөз өтө кыска. Анда жок дегенде 8 белги болушу керек."),
        ("fa", "این فیلد الزامی است.", "این گذرواژه بسیار کوتاه است. باید دست\u200cکم 8 نویسه داشته باشد."),
    ],
)
@pytest.mark.django_db
def test_sign_up_errors_are_in_the_readers_language(language, required, too_short):
    # given a visitor reading the interface in one of the languages Django or allauth leave incomplete
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    # when they sign up with no email and a short password
    response = client.post(reverse("account_signup"), {"email": "", "password1": "pw3x", "password2": "pw3x"})

    # then both errors are sentences in that language
    form = response.context["form"]
    assert form.errors["email"] == [required]
    assert too_short in form.errors["password1"]
    assert too_short in response.content.decode()


@pytest.mark.parametrize(
    ("language", "page_title"),
    [("kk", "Құпиясөзді қалпына келтіру"), ("tk", "Açar sözi dikeltmek")],
)
@pytest.mark.django_db
def test_allauth_pages_exist_in_kazakh_and_turkmen(anonymous, language, page_title):
    # given a visitor reading Kazakh or Turkmen, for which django-allauth ships no catalogue
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    # when they open the password reset page
    page = anonymous.get(reverse("account_reset_password")).content.decode()

    # then allauth's own template text is translated
    assert page_title in page
    assert "Password Reset" not in page
