"""The demo's organisations and people, written for ParkLink from the seed articles' facts.

Each figure cites its seed in `source`. Not every fact is an organisation's figure: that Turkmenistan
belongs to more than 40 international organisations (seed 000) describes a country, so it is left out.

Seeds: 000 (AST Technology Center, Ashgabat, IASP certificate), 001 (East Azerbaijan Science and
Technology Park, Tabriz, hubs with China and Turkey, MoU with the SCO economic and trade cooperation
town), 002 (Organization of Turkic States, science and innovation track), 003 (Uzbekistan's
pharmaceutical agency, Toshkent Farma Park, Pangyo Techno Valley, Gyeonggi Bio Center), 004 (SRSPA).
"""

import datetime
from dataclasses import dataclass, field

SEED_000 = "Seed 000: AST Technology Center was awarded an international certificate"
SEED_001 = (
    "Seed 001: East Azerbaijan Science and Technology Park starts work as the hub of technological "
    "interaction with Turkey"
)
SEED_002 = (
    "Seed 002: Organization of Turkic States, cooperation in industry, science, technology and innovation"
)
SEED_003 = "Seed 003: Uzbekistan to exchange experience and experts with biocenters of South Korea"
SEED_004 = "Seed 004: Silk Road Science Parks Association (SRSPA), About Association"
# Seed 003 is dated 22 April 2024; seeds 000 and 004 are undated pages read in 2024, recorded as of the
# start of that year so the figures carry a date without pretending to more precision than the source.
SEED_003_DATE = datetime.date(2024, 4, 22)
UNDATED_SEED_DATE = datetime.date(2024, 1, 1)


@dataclass(frozen=True)
class DemoFigure:
    metric: str
    value: int
    as_of: datetime.date
    source: str


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
    name_language: str = "en"
    region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    founded_year: int | None = None
    founded_on: datetime.date | None = None
    # (value, language, kind): the organisation's other names, in their own scripts.
    names: tuple[tuple[str, str, str], ...] = ()
    figures: tuple[DemoFigure, ...] = ()
    parent: str | None = None  # the key of the organisation this one is part of
    related: tuple[str, ...] = ()


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
        region="Andalusia",
        latitude=36.7213,
        longitude=-4.4214,
        founded_year=1984,
        description=(
            "Worldwide association of science and technology parks, founded in 1984, with its "
            "headquarters in Málaga and a regional office in Beijing; about 350 member parks in 75 "
            "countries."
        ),
        website="https://www.iasp.ws",
        names=(("IASP", "", "acronym"),),
        figures=(
            DemoFigure("member_organisations", 350, UNDATED_SEED_DATE, SEED_000),
            DemoFigure("member_countries", 75, UNDATED_SEED_DATE, SEED_000),
        ),
    ),
    DemoOrganisation(
        key="iasp-beijing",
        name="IASP Beijing office",
        kind="network",
        country="CN",
        city="Beijing",
        latitude=39.9042,
        longitude=116.4074,
        description="The regional office of IASP in Beijing.",
        names=(("国际科技园及创新区域协会北京办公室", "zh", "label"),),
        parent="iasp",
    ),
    DemoOrganisation(
        key="srspa",
        name="Silk Road Science Parks Association (SRSPA)",
        kind="network",
        country="CN",
        city="Yantai",
        region="Shandong",
        latitude=37.4638,
        longitude=121.4479,
        founded_year=2016,
        founded_on=datetime.date(2016, 7, 1),
        description=(
            "Association of science and technology parks and high-tech zones along the Silk Road, set "
            "up in July 2016 with the support of China's Ministry of Science and Technology; more "
            "than 110 members from 10 countries, headquartered in Yantai, Shandong."
        ),
        names=(
            ("SRSPA", "", "acronym"),
            ("Ассоциация научно-технологических парков «Шёлковый путь»", "ru", "label"),
        ),
        figures=(
            DemoFigure("member_organisations", 110, UNDATED_SEED_DATE, f"{SEED_004} (more than 110)"),
            DemoFigure("member_countries", 10, UNDATED_SEED_DATE, SEED_004),
        ),
    ),
    DemoOrganisation(
        key="ots",
        name="Organization of Turkic States — Industry, Science, Technology and Innovation track",
        kind="network",
        country="TR",
        city="Istanbul",
        latitude=41.0082,
        longitude=28.9784,
        description=(
            "Cooperation of the Turkic States on R&D, fellowships and exchange, AI and digital "
            "transformation, technoparks, investment, SMEs, metrology, product safety, standards, "
            "industrial property and space technologies (Istanbul Declaration, 2024)."
        ),
        names=(
            ("OTS", "", "acronym"),
            ("Türk Devletleri Teşkilatı", "tr", "label"),  # noqa: RUF001 (Turkish dotless i)
            ("Организация тюркских государств", "ru", "label"),
            ("Өнөр жай, илим, технология жана инновациялар тармагында кызматташтык (ӨИТИ)", "ky", "alias"),
        ),
    ),
    DemoOrganisation(
        key="ast",
        name="AST Technology Center",
        kind="technology_centre",
        country="TM",
        city="Ashgabat",
        latitude=37.9601,
        longitude=58.3261,
        description=(
            "Technology Center of the Academy of Sciences of Turkmenistan; IASP member. Home of the "
            "country's first Technology Transfer Center, opened on 1 January 2022."
        ),
        sectors=("biotech-pharma", "advanced-materials"),
        networks=("iasp",),
        names=(
            ("Technology Center of the Academy of Sciences of Turkmenistan", "en", "alias"),
            ("Технологический центр Академии наук Туркменистана", "ru", "label"),
            ("Türkmenistanyň Ylymlar akademiýasynyň Tehnologiýalar merkezi", "tk", "label"),
        ),
    ),
    DemoOrganisation(
        key="ast-ttc",
        name="Technology Transfer Center of the AST Technology Center",
        kind="technology_transfer_centre",
        country="TM",
        city="Ashgabat",
        latitude=37.9601,
        longitude=58.3261,
        founded_year=2022,
        founded_on=datetime.date(2022, 1, 1),
        description=(
            "Turkmenistan's first Technology Transfer Center, established at the AST Technology Center "
            "on 1 January 2022 to support innovation and the transfer of research results."
        ),
        names=(("Центр трансфера технологий", "ru", "label"),),
        parent="ast",
    ),
    DemoOrganisation(
        key="eastaz",
        name="East Azerbaijan Science and Technology Park",
        kind="science_park",
        country="IR",
        city="Tabriz",
        region="East Azerbaijan",
        latitude=38.0800,
        longitude=46.2919,
        description=(
            "Provincial science and technology park acting for the Ministry of Science, Research and "
            "Technology as the hub for technological interaction with China (2022) and with Turkey."
        ),
        sectors=("ict-ai", "manufacturing"),
        name_language="en",
        names=(("پارک علم و فناوری آذربایجان شرقی", "fa", "label"),),
        related=("sco-town",),
    ),
    DemoOrganisation(
        key="sco-town",
        name="SCO Economic and Trade Cooperation Town",
        kind="innovation_zone",
        country="CN",
        city="Qingdao",
        region="Shandong",
        latitude=36.2830,
        longitude=120.0330,
        description=(
            "China's demonstration area for economic and trade cooperation with the Shanghai "
            "Cooperation Organisation, in Qingdao; signed a memorandum of cooperation with the East "
            "Azerbaijan Science and Technology Park."
        ),
        names=(
            ("上海合作组织经贸合作示范区", "zh", "label"),
            ("شهرک همکاریهای اقتصادی و تجاری سازمان همکاری شانگهای", "fa", "label"),
        ),
    ),
    DemoOrganisation(
        key="pangyo",
        name="Pangyo Techno Valley",
        kind="innovation_zone",
        country="KR",
        city="Seongnam",
        region="Gyeonggi-do",
        latitude=37.4020,
        longitude=127.1086,
        founded_year=2005,
        description=(
            "Industrial and research zone created in 2005 at the initiative of the Korean government, "
            "662,000 m² with 1,622 companies in ICT, biotechnology and nanotechnology."
        ),
        sectors=("ict-ai", "biotech-pharma", "nanotechnology"),
        names=(("판교테크노밸리", "ko", "label"),),
        figures=(
            DemoFigure("area_m2", 662_000, SEED_003_DATE, SEED_003),
            DemoFigure("resident_companies", 1_622, SEED_003_DATE, SEED_003),
        ),
    ),
    DemoOrganisation(
        key="gyeonggi-bio",
        name="Gyeonggi Bio Center",
        kind="technology_centre",
        country="KR",
        city="Suwon",
        region="Gyeonggi-do",
        latitude=37.2875,
        longitude=127.0506,
        founded_year=2007,
        description=(
            "Biotechnology centre created in 2007 on the initiative of Gyeonggi Province, for "
            "investment and start-up projects in biotechnology."
        ),
        sectors=("biotech-pharma",),
        names=(("경기바이오센터", "ko", "label"),),
        figures=(
            DemoFigure("area_m2", 32_000, SEED_003_DATE, SEED_003),
            DemoFigure("resident_companies", 24, SEED_003_DATE, SEED_003),
            DemoFigure("employees", 50_000, SEED_003_DATE, SEED_003),
        ),
    ),
    DemoOrganisation(
        key="uz-pharma-agency",
        name="Agency for Developing Pharmaceutical Network",
        kind="government_body",
        country="UZ",
        city="Tashkent",
        latitude=41.2995,
        longitude=69.2401,
        description=(
            "Uzbekistan's agency for the pharmaceutical industry; agreed with Gyeonggi Bio Center to "
            "exchange experience and experts (2024)."
        ),
        sectors=("biotech-pharma",),
        names=(
            ("Farmatsevtika tarmogʻini rivojlantirish agentligi", "uz", "label"),  # noqa: RUF001 (Uzbek okina)
            ("Агентство по развитию фармацевтической отрасли", "ru", "label"),
        ),
        related=("gyeonggi-bio",),
    ),
    DemoOrganisation(
        key="toshkent-farma",
        name="Toshkent Farma Park",
        kind="innovation_zone",
        country="UZ",
        city="Tashkent",
        name_language="uz",
        latitude=41.3500,
        longitude=69.3500,
        description="Innovative research and production cluster for pharmaceuticals in Tashkent.",
        sectors=("biotech-pharma",),
        names=(("Ташкент Фарма Парк", "ru", "label"),),
        related=("gyeonggi-bio",),
    ),
    DemoOrganisation(
        key="pangyo-company",
        name="Hanbit Biosensors (demo resident company)",
        kind="company",
        country="KR",
        city="Seongnam",
        latitude=37.4010,
        longitude=127.1070,
        description="A fictional resident company of Pangyo Techno Valley, made up for the demo.",
        sectors=("biotech-pharma", "health-medtech"),
        parent="pangyo",
    ),
    DemoOrganisation(
        key="investor",
        name="Silk Road Ventures (demo investor)",
        kind="investor",
        country="KZ",
        city="Almaty",
        latitude=43.2389,
        longitude=76.8897,
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
