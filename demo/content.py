"""The demo's organisations and people, written for ParkLink from the seed articles' facts.

Seeds: 000 (AST Technology Center, Ashgabat, IASP certificate), 001 (East Azerbaijan Science and
Technology Park, Tabriz, hubs with China and Turkey, MoU with the SCO economic and trade cooperation
town), 002 (Organization of Turkic States, science and innovation track), 003 (Uzbekistan's
pharmaceutical agency, Toshkent Farma Park, Pangyo Techno Valley, Gyeonggi Bio Center), 004 (SRSPA).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    kind: str
    country: str
    city: str
    description: str
    website: str = ""
    sectors: tuple[str, ...] = ()
    networks: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    organisation: str | None
    role: str
    is_staff: bool = False
    preferred_language: str = ""


ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        key="iasp",
        name="International Association of Science Parks and Areas of Innovation (IASP)",
        kind="network",
        country="ES",
        city="Málaga",
        description=(
            "Worldwide association of science and technology parks, founded in 1984, with its "
            "headquarters in Málaga and a regional office in Beijing; about 350 member parks in 75 "
            "countries."
        ),
        website="https://www.iasp.ws",
    ),
    DemoOrganisation(
        key="srspa",
        name="Silk Road Science Parks Association (SRSPA)",
        kind="network",
        country="CN",
        city="Yantai",
        description=(
            "Association of science and technology parks and high-tech zones along the Silk Road, set "
            "up in July 2016 with the support of China's Ministry of Science and Technology; more "
            "than 110 members from 10 countries, headquartered in Yantai, Shandong."
        ),
    ),
    DemoOrganisation(
        key="ots",
        name="Organization of Turkic States — Industry, Science, Technology and Innovation track",
        kind="network",
        country="TR",
        city="Istanbul",
        description=(
            "Cooperation of the Turkic States on R&D, fellowships and exchange, AI and digital "
            "transformation, technoparks, investment, SMEs, metrology, product safety, standards, "
            "industrial property and space technologies (Istanbul Declaration, 2024)."
        ),
    ),
    DemoOrganisation(
        key="ast",
        name="AST Technology Center",
        kind="technology_centre",
        country="TM",
        city="Ashgabat",
        description=(
            "Technology Center of the Academy of Sciences of Turkmenistan; IASP member. Home of the "
            "country's first Technology Transfer Center, opened on 1 January 2022."
        ),
        sectors=("biotech-pharma", "advanced-materials"),
        networks=("iasp",),
    ),
    DemoOrganisation(
        key="eastaz",
        name="East Azerbaijan Science and Technology Park",
        kind="science_park",
        country="IR",
        city="Tabriz",
        description=(
            "Provincial science and technology park acting for the Ministry of Science, Research and "
            "Technology as the hub for technological interaction with China (2022) and with Turkey."
        ),
        sectors=("ict-ai", "manufacturing"),
    ),
    DemoOrganisation(
        key="pangyo",
        name="Pangyo Techno Valley",
        kind="innovation_zone",
        country="KR",
        city="Seongnam",
        description=(
            "Industrial and research zone created in 2005 at the initiative of the Korean government, "
            "662,000 m² with 1,622 companies in ICT, biotechnology and nanotechnology."
        ),
        sectors=("ict-ai", "biotech-pharma", "nanotechnology"),
    ),
    DemoOrganisation(
        key="pangyo-company",
        name="Hanbit Biosensors (demo resident company)",
        kind="company",
        country="KR",
        city="Seongnam",
        description="A fictional resident company of Pangyo Techno Valley, made up for the demo.",
        sectors=("biotech-pharma", "health-medtech"),
    ),
    DemoOrganisation(
        key="investor",
        name="Silk Road Ventures (demo investor)",
        kind="investor",
        country="KZ",
        city="Almaty",
        description="A fictional venture investor, made up for the demo.",
        sectors=("ict-ai", "biotech-pharma"),
    ),
    DemoOrganisation(
        key="outsider-org",
        name="Independent Consulting (demo)",
        kind="other",
        country="DE",
        city="Berlin",
        description="A fictional consultancy that belongs to no network, made up for the demo.",
    ),
)

PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("secretariat@demo.parklink.org", "Lucía Secretariat (demo)", "iasp", "secretariat"),
    DemoPerson(
        "parkmanager@demo.parklink.org", "Reza Parkmanager (demo)", "eastaz", "admin", preferred_language="fa"
    ),
    DemoPerson("researcher@demo.parklink.org", "Aýna Researcher (demo)", "ast", "member"),
    DemoPerson("company@demo.parklink.org", "Min-jun Company (demo)", "pangyo-company", "admin"),
    DemoPerson("investor@demo.parklink.org", "Aigerim Investor (demo)", "investor", "admin"),
    DemoPerson("outsider@demo.parklink.org", "Oskar Outsider (demo)", "outsider-org", "admin"),
    DemoPerson("operator@demo.parklink.org", "ParkLink Operator (demo)", None, "", is_staff=True),
)

# Organisations without a demo person of their own are administered by the secretariat persona.
ORGANISATION_ADMIN_FALLBACK = "secretariat@demo.parklink.org"
