# The texts are written in Cyrillic, Turkmen, Uzbek and other scripts whose letters look like Latin ones
# by design; RUF001 would flag nearly every line.
# ruff: noqa: RUF001
"""The demo marketplace: partnering profiles of every kind, in the languages the networks' members write
in, owned by the demo organisations and taken through the real services (create, submit, publish).

The profiles are invented for the demo; they lean on what the seeds say about each organisation (AST's
technology transfer in Ashgabat, Tabriz's hubs with China and Turkey, the Korean biocentres' exchange
with Uzbekistan's pharmaceutical agency, the Turkic States' metrology, product-safety and space track).

Idempotent: a profile is found by its owner and title, so a second run creates nothing.
"""

from dataclasses import dataclass

from accounts.models import User
from core.models import Keyword, Sector
from core.permissions import moderated_organisation_ids
from directory.models import Organisation, OrganisationMembership, Role
from marketplace.models import Profile
from marketplace.services import profile_create, profile_publish, profile_submit

OPERATOR_EMAIL = "operator@demo.parklink.org"
SECRETARIAT_EMAIL = "secretariat@demo.parklink.org"

AST = "AST Technology Center"
AST_TTC = "Technology Transfer Center of the AST Technology Center"
TABRIZ = "East Azerbaijan Science and Technology Park"
SCO_TOWN = "SCO Economic and Trade Cooperation Town"
PANGYO = "Pangyo Techno Valley"
GYEONGGI_BIO = "Gyeonggi Bio Center"
PHARMA_AGENCY = "Agency for Developing Pharmaceutical Network"
TOSHKENT_FARMA = "Toshkent Farma Park"
HANBIT = "Hanbit Biosensors (demo resident company)"
SILK_ROAD_VENTURES = "Silk Road Ventures (demo investor)"

TO, TR, RDR, BO, BR = (kind.value for kind in Profile.Kind)
PUBLISHED, SUBMITTED, DRAFT = Profile.Status.PUBLISHED, Profile.Status.SUBMITTED, Profile.Status.DRAFT
MEMBERS_ONLY = Profile.Visibility.NETWORK_MEMBERS
SELECTED = Profile.Visibility.SELECTED


@dataclass(frozen=True)
class DemoProfile:
    owner: str
    kind: str
    title: str
    summary: str
    description: str
    sectors: tuple[str, ...]
    partnership_types: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    innovation: str = ""
    stage: str = ""
    trl: int | None = None
    ipr_status: str = Profile.IprStatus.NONE
    partner_type: str = Profile.PartnerType.ANY
    partner_size: str = Profile.PartnerSize.ANY
    partner_role: str = ""
    visibility: str = Profile.Visibility.PUBLIC
    visible_to: tuple[str, ...] = ()
    anonymous: bool = False
    status: str = PUBLISHED  # how far the demo takes it: draft, submitted or published


PROFILES: tuple[DemoProfile, ...] = (
    # English
    DemoProfile(
        owner=AST,
        kind=TO,
        title="Freeze-dried PCR reagent beads that need no cold chain",
        summary=(
            "Ready-to-use, freeze-dried reagent beads for real-time PCR that keep for twelve months at up "
            "to 30 °C, so clinics far from central laboratories can run molecular tests without freezers."
        ),
        description=(
            "The AST Technology Center has developed a lyophilisation process that stabilises polymerase, "
            "primers and probes in a single bead. A bead is dropped into the sample tube, rehydrated with "
            "the extracted nucleic acid and run on any open real-time PCR instrument. Validation in our "
            "laboratory covered hepatitis B and tuberculosis panels with sensitivity equal to frozen "
            "reagents. We seek manufacturers of diagnostic kits who would license the process, and "
            "distributors in Central Asia who would bring the kits to regional hospitals."
        ),
        innovation="No freezer or dry-ice shipping; one bead per test removes pipetting errors.",
        stage=Profile.Stage.LAB_TESTED,
        trl=6,
        ipr_status=Profile.IprStatus.APPLIED,
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("biotech-pharma", "health-medtech"),
        keywords=("biotech-pharma/diagnostics",),
        partnership_types=("licence", "commercial_ta"),
        target_countries=("UZ", "KZ", "AZ", "TR"),
        sdgs=(3,),
    ),
    DemoProfile(
        owner=AST,
        kind=BO,
        title="Technology transfer and IP management services for research institutes in Central Asia",
        summary=(
            "Turkmenistan's first technology transfer centre offers patent landscaping, valuation and "
            "licensing support to research institutes and parks of the networks."
        ),
        description=(
            "Since 2022 the Technology Transfer Center at the AST Technology Center has helped scientists of "
            "the Academy of Sciences to protect and license their results. We offer the same services to "
            "partner institutes: an invention disclosure process, patent searches and landscaping, "
            "preparation of licence agreements and matchmaking with industry. Services are available in "
            "Turkmen, Russian and English. We are looking for parks and technology transfer offices that "
            "wish to share a service agreement or exchange staff."
        ),
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("biotech-pharma", "advanced-materials"),
        partnership_types=("commercial_ta", "technical_cooperation"),
        target_countries=("UZ", "KZ", "KG", "TJ"),
        sdgs=(9, 17),
        visibility=MEMBERS_ONLY,
    ),
    DemoProfile(
        owner=PANGYO,
        kind=BO,
        title="Soft-landing programme for foreign ICT and AI start-ups in Pangyo Techno Valley",
        summary=(
            "Six months of office space, mentoring and introductions to Korean ICT companies for start-ups "
            "from partner parks that want to enter the Korean market."
        ),
        description=(
            "Pangyo Techno Valley hosts more than 1,600 companies in ICT, biotechnology and "
            "nanotechnology. Our soft-landing programme gives selected foreign start-ups a desk in the "
            "global start-up centre, help with company registration and visas, a Korean mentor, and "
            "demo days with corporate partners. Partner parks nominate candidates twice a year. We seek "
            "parks and accelerators in Central Asia, the Caucasus and Iran that would nominate teams and "
            "host Korean start-ups in return."
        ),
        partner_type=Profile.PartnerType.PUBLIC_BODY,
        sectors=("ict-ai",),
        keywords=("ict-ai/machine-learning", "ict-ai/iot"),
        partnership_types=("technical_cooperation",),
        target_countries=("UZ", "KZ", "IR", "TM", "AZ"),
        sdgs=(8, 17),
    ),
    DemoProfile(
        owner=HANBIT,
        kind=TO,
        title="Disposable biosensor strips for on-farm testing of antibiotic residues in milk",
        summary=(
            "Screen-printed electrochemical strips with a handheld reader detect beta-lactam and "
            "tetracycline residues in raw milk in eight minutes, at the farm gate."
        ),
        description=(
            "Dairies must reject milk with antibiotic residues, but laboratory tests take hours. Our strips "
            "carry aptamer-modified electrodes; a drop of milk is enough, and the reader shows the result "
            "against the maximum residue limits. Field trials with two Korean dairy cooperatives gave "
            "results consistent with the reference laboratory method. We seek distributors of dairy "
            "equipment and milk collection centres willing to run pilots, and a manufacturing partner in "
            "Central Asia for local assembly of the readers."
        ),
        innovation=(
            "Eight minutes instead of hours; no laboratory skills needed; one reader for two residue "
            "families."
        ),
        stage=Profile.Stage.DEMONSTRATION,
        trl=7,
        ipr_status=Profile.IprStatus.GRANTED,
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("agriculture-food", "biotech-pharma"),
        keywords=("biotech-pharma/diagnostics", "agriculture-food/food-processing"),
        partnership_types=("commercial_ta", "supplier"),
        target_countries=("KZ", "UZ", "TR", "AZ"),
        sdgs=(2, 3),
    ),
    DemoProfile(
        owner=SILK_ROAD_VENTURES,
        kind=BR,
        title="Seed investor seeks Earth-observation and small-satellite ventures along the Silk Road",
        summary=(
            "A venture fund looks for teams building applications on satellite data for agriculture, "
            "water and insurance, with a working prototype and first paying users."
        ),
        description=(
            "Silk Road Ventures invests 200,000 to 1,500,000 US dollars in seed and series A rounds. "
            "We are building a portfolio in space technologies: analytics on Earth-observation data, "
            "ground-segment services and components for small satellites. We look for founders in the "
            "parks of the networks, co-investors for syndicated rounds, and parks that run space "
            "incubation programmes and would share deal flow with us."
        ),
        partner_type=Profile.PartnerType.SME,
        partner_size=Profile.PartnerSize.MICRO,
        sectors=("space", "ict-ai"),
        keywords=("space/earth-observation", "space/satellites"),
        partnership_types=("investment",),
        target_countries=("KZ", "UZ", "TR", "CN", "KR"),
        sdgs=(9, 13),
    ),
    DemoProfile(
        owner=TABRIZ,
        kind=RDR,
        title="Joint research on computer-vision inspection of cast parts for automotive suppliers",
        summary=(
            "Tabriz park companies supplying the automotive industry seek a research partner to develop "
            "deep-learning detection of porosity and cracks in aluminium castings."
        ),
        description=(
            "Several resident companies of the East Azerbaijan Science and Technology Park cast aluminium "
            "parts for vehicle makers. Manual inspection misses small defects and slows the line. We "
            "have collected twenty thousand labelled X-ray and surface images and propose a two-year joint "
            "project to train and validate defect-detection models and to integrate them into the "
            "production lines. We seek universities or research institutes with experience in industrial "
            "computer vision, ideally in China or Turkey, where our park acts as hub."
        ),
        stage=Profile.Stage.UNDER_DEVELOPMENT,
        trl=4,
        partner_type=Profile.PartnerType.UNIVERSITY,
        sectors=("ict-ai", "manufacturing"),
        keywords=("ict-ai/computer-vision", "manufacturing/robotics"),
        partnership_types=("research_cooperation",),
        target_countries=("CN", "TR"),
        sdgs=(9,),
    ),
    DemoProfile(
        owner=GYEONGGI_BIO,
        kind=BO,
        title="GMP pilot plant for microbial fermentation scale-up from 50 to 500 litres",
        summary=(
            "Contract process development and GMP pilot batches for recombinant proteins and probiotics, "
            "with regulatory documentation for clinical trials."
        ),
        description=(
            "Gyeonggi Bio Center operates a pilot plant with 50, 200 and 500 litre fermenters, downstream "
            "purification suites and a quality-control laboratory. We take a process from the flask to "
            "GMP batches and prepare the chemistry, manufacturing and control documentation. Under the "
            "agreement with Uzbekistan's pharmaceutical agency we also train engineers from partner "
            "companies on site. We seek biotech companies and research institutes that need scale-up "
            "capacity."
        ),
        partner_type=Profile.PartnerType.SME,
        sectors=("biotech-pharma",),
        keywords=("biotech-pharma/industrial-biotech", "biotech-pharma/biopharmaceuticals"),
        partnership_types=("outsourcing", "commercial_ta"),
        target_countries=("UZ", "KZ", "TM"),
        sdgs=(3, 9),
    ),
    DemoProfile(
        owner=TOSHKENT_FARMA,
        kind=TR,
        title="Technology sought for aseptic filling of preservative-free eye drops in multi-dose bottles",
        summary=(
            "A pharmaceutical manufacturer in Toshkent Farma Park seeks a proven filling and bottle "
            "technology for preservative-free ophthalmic solutions."
        ),
        description=(
            "The company produces generic ophthalmic solutions and wants to add preservative-free "
            "versions. It seeks a licensor or equipment supplier of multi-dose bottles with a one-way "
            "valve, together with the aseptic filling line and the validation package. Technical "
            "assistance during installation and qualification, and training of staff, are expected. A "
            "licence or a commercial agreement with technical assistance are both possible."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("biotech-pharma", "health-medtech"),
        keywords=("biotech-pharma/generic-medicines", "health-medtech/medical-devices"),
        partnership_types=("licence", "commercial_ta"),
        target_countries=("KR", "TR", "CN"),
        sdgs=(3,),
        anonymous=True,
    ),
    # Russian
    DemoProfile(
        owner=AST,
        kind=BO,
        title="Калибровка средств измерений давления, температуры и массы в аккредитованной лаборатории",
        summary=(
            "Метрологическая лаборатория Технологического центра предлагает калибровку манометров, "
            "термометров, весов и гирь с выдачей сертификатов калибровки."
        ),
        description=(
            "Лаборатория оснащена эталонными грузопоршневыми манометрами, термостатами и компараторами "
            "массы, прослеживаемыми к национальным эталонам. Мы выполняем калибровку на месте и в "
            "лаборатории, проводим обучение метрологов предприятий и помогаем лабораториям готовиться к "
            "аккредитации. Ищем промышленные предприятия, испытательные центры и научные парки, "
            "которым нужна регулярная калибровка, а также партнёров для межлабораторных сличений."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("metrology",),
        keywords=("metrology/calibration", "metrology/measurement-instruments"),
        partnership_types=("commercial_ta", "technical_cooperation"),
        target_countries=("TM", "UZ", "KZ", "AZ"),
        sdgs=(9,),
    ),
    DemoProfile(
        owner=AST_TTC,
        kind=RDR,
        title="Совместная разработка стандартных образцов состава природного газа",
        summary=(
            "Центр трансфера технологий ищет метрологические институты для совместной разработки и "
            "аттестации стандартных образцов состава природного газа."
        ),
        description=(
            "Добыча и экспорт газа требуют точного определения его состава и теплоты сгорания. Мы "
            "предлагаем совместный проект: приготовление газовых смесей гравиметрическим методом, "
            "межлабораторные сличения и аттестацию стандартных образцов. Партнёр должен иметь опыт "
            "работы с газовыми эталонами и хроматографией. Возможны стажировки специалистов и "
            "совместные публикации."
        ),
        stage=Profile.Stage.CONCEPT,
        trl=3,
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("metrology", "energy-environment"),
        keywords=("metrology/reference-materials",),
        partnership_types=("research_cooperation",),
        target_countries=("RU", "KZ", "TR", "CN"),
        sdgs=(7, 9),
    ),
    DemoProfile(
        owner=TOSHKENT_FARMA,
        kind=BR,
        title="Ищем партнёров для контрактного производства таблетированных генериков",
        summary=(
            "Фармацевтический кластер в Ташкенте ищет владельцев регистрационных досье, готовых "
            "передать производство таблеток на мощности резидентов парка."
        ),
        description=(
            "Резиденты Ташкент Фарма Парка располагают линиями грануляции, таблетирования и нанесения "
            "оболочки, соответствующими требованиям GMP. Мы предлагаем контрактное производство для "
            "компаний, которые хотят выйти на рынки Центральной Азии с местным производством. Ожидаем "
            "передачу технологии, аналитических методик и поддержку при регистрации препаратов в "
            "Узбекистане."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("biotech-pharma",),
        keywords=("biotech-pharma/generic-medicines",),
        partnership_types=("outsourcing", "licence"),
        target_countries=("KR", "TR", "CN", "IR"),
        sdgs=(3, 8),
    ),
    DemoProfile(
        owner=SILK_ROAD_VENTURES,
        kind=BO,
        title="Венчурное финансирование биотехнологических стартапов Центральной Азии",
        summary=(
            "Венчурный фонд предлагает посевные инвестиции и сопровождение командам, разрабатывающим "
            "диагностику, биопрепараты и цифровые решения для здравоохранения."
        ),
        description=(
            "Мы инвестируем в команды из научных парков и университетов региона, у которых есть "
            "прототип и план клинической или полевой проверки. Помимо денег мы помогаем с "
            "регистрацией интеллектуальной собственности, поиском индустриальных партнёров в Корее и "
            "Китае и подготовкой к следующему раунду. Приглашаем технопарки и центры трансфера "
            "технологий к совместному отбору проектов."
        ),
        partner_type=Profile.PartnerType.SME,
        partner_size=Profile.PartnerSize.MICRO,
        sectors=("biotech-pharma", "health-medtech"),
        keywords=("biotech-pharma/diagnostics", "health-medtech/telemedicine"),
        partnership_types=("investment",),
        target_countries=("KZ", "UZ", "TM", "KG"),
        sdgs=(3, 8),
    ),
    DemoProfile(
        owner=AST,
        kind=TR,
        title="Требуется технология очистки сточных вод фармацевтического производства",
        summary=(
            "Опытное производство ищет компактную технологию удаления остатков действующих веществ и "
            "растворителей из сточных вод перед сбросом в городскую канализацию."
        ),
        description=(
            "Опытно-промышленный участок выпускает субстанции растительного происхождения и небольшие "
            "серии готовых форм. Объём стоков составляет около двадцати кубометров в сутки. Нужна "
            "технология (мембранная, окислительная или биологическая) с подтверждённой эффективностью, "
            "поставка оборудования, пусконаладка и обучение персонала. Рассматриваем лицензию или "
            "коммерческое соглашение с технической помощью."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("energy-environment", "biotech-pharma"),
        keywords=("energy-environment/water-treatment",),
        partnership_types=("commercial_ta", "licence"),
        target_countries=("TR", "CN", "KR", "IR"),
        sdgs=(6, 12),
        anonymous=True,
    ),
    DemoProfile(
        owner=TOSHKENT_FARMA,
        kind=TO,
        title="Технология получения стандартизированного экстракта корня солодки",
        summary=(
            "Резидент парка предлагает отработанную технологию экстракции и очистки глицирризиновой "
            "кислоты из корня солодки для фармацевтического и пищевого применения."
        ),
        description=(
            "Технология включает подготовку сырья, противоточную экстракцию, очистку на сорбентах и "
            "сушку распылением. Содержание глицирризиновой кислоты в продукте стандартизировано, "
            "методики контроля качества валидированы. Мы готовы передать технологию по лицензии, "
            "обучить персонал и поставлять субстанцию по договору поставки."
        ),
        stage=Profile.Stage.ON_THE_MARKET,
        trl=9,
        ipr_status=Profile.IprStatus.SECRET_KNOW_HOW,
        sectors=("biotech-pharma", "agriculture-food"),
        keywords=("biotech-pharma/plant-extracts",),
        partnership_types=("licence", "supplier"),
        target_countries=("KR", "CN", "TR", "KZ"),
        sdgs=(3, 12),
    ),
    DemoProfile(
        owner=AST_TTC,
        kind=BO,
        title="Испытания электробытовых приборов на электробезопасность и электромагнитную совместимость",
        summary=(
            "Испытательная площадка предлагает проверку электроприборов по требованиям безопасности и "
            "ЭМС для подтверждения соответствия перед выходом на рынок."
        ),
        description=(
            "Мы проводим испытания на электрическую прочность изоляции, ток утечки, нагрев и "
            "механическую прочность, а также измерения помехоэмиссии и помехоустойчивости. Протоколы "
            "испытаний помогают производителям и импортёрам пройти оценку соответствия. Ищем "
            "производителей, органы по сертификации и лаборатории для сотрудничества и взаимного "
            "признания результатов."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("product-safety", "standards-conformity"),
        keywords=("product-safety/testing", "standards-conformity/certification"),
        partnership_types=("commercial_ta", "technical_cooperation"),
        target_countries=("TM", "TR", "IR", "UZ"),
        sdgs=(9, 12),
    ),
    # Turkish
    DemoProfile(
        owner=TABRIZ,
        kind=TR,
        title="Oyuncak ve çocuk ürünleri için akredite güvenlik test laboratuvarı aranıyor",
        summary=(
            "Tebriz bilim parkındaki üreticiler, oyuncaklarının mekanik, kimyasal ve yanıcılık testlerini "
            "yapacak akredite bir laboratuvar ile uzun vadeli işbirliği arıyor."
        ),
        description=(
            "Parkımızdaki küçük ve orta ölçekli işletmeler plastik ve ahşap oyuncaklar üretiyor ve "
            "Türkiye pazarına ihracat yapmak istiyor. Ürünlerin uluslararası oyuncak güvenliği "
            "standartlarına göre test edilmesi, test raporlarının hazırlanması ve uygunluk "
            "değerlendirmesi sürecinde danışmanlık gerekiyor. Ayrıca kendi laboratuvarımızı kurmak için "
            "teknik destek ve personel eğitimi almak istiyoruz."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("product-safety", "standards-conformity"),
        keywords=("product-safety/testing", "standards-conformity/laboratory-accreditation"),
        partnership_types=("commercial_ta", "technical_cooperation"),
        target_countries=("TR",),
        sdgs=(3, 12),
    ),
    DemoProfile(
        owner=TABRIZ,
        kind=BO,
        title="Türk teknoloji şirketleri için Tebriz'de yumuşak iniş ve ofis desteği",
        summary=(
            "Doğu Azerbaycan Bilim ve Teknoloji Parkı, İran pazarına girmek isteyen Türk teknoloji "
            "şirketlerine ofis, danışmanlık ve iş eşleştirme hizmeti sunuyor."
        ),
        description=(
            "Parkımız, Türkiye ile teknolojik etkileşimin merkezi olarak görevlendirildi. Türk "
            "şirketlerine altı ay boyunca ofis alanı, şirket kuruluşu ve mevzuat konusunda danışmanlık, "
            "yerel sanayi kuruluşlarıyla görüşmeler ve fuarlara katılım desteği sağlıyoruz. Bilişim, "
            "yapay zekâ ve imalat alanlarındaki firmalar ile teknoparkları ortak programlar için davet "
            "ediyoruz."
        ),
        partner_type=Profile.PartnerType.SME,
        sectors=("ict-ai", "manufacturing"),
        keywords=("ict-ai/industrial-digitalisation",),
        partnership_types=("technical_cooperation",),
        target_countries=("TR",),
        sdgs=(8, 17),
    ),
    DemoProfile(
        owner=AST_TTC,
        kind=RDR,
        title="Gıda ile temas eden ambalajlarda migrasyon test yöntemleri üzerine ortak araştırma",
        summary=(
            "Teknoloji Transfer Merkezi, plastik gıda ambalajlarından kimyasal madde geçişini ölçen "
            "yöntemlerin geliştirilmesi için araştırma ortağı arıyor."
        ),
        description=(
            "Yerel ambalaj üreticilerinin ihracat yapabilmesi için gıda ile temas eden malzemelerin "
            "migrasyon testlerinden geçmesi gerekiyor. Kromatografi ve kütle spektrometrisi "
            "kullanarak ölçüm yöntemlerini birlikte geliştirmek, doğrulamak ve laboratuvarlar arası "
            "karşılaştırma yapmak istiyoruz. Ortak yayın, araştırmacı değişimi ve ortak proje başvurusu "
            "planlanmaktadır."
        ),
        stage=Profile.Stage.CONCEPT,
        trl=2,
        partner_type=Profile.PartnerType.UNIVERSITY,
        sectors=("product-safety", "agriculture-food"),
        keywords=("product-safety/testing", "agriculture-food/food-processing"),
        partnership_types=("research_cooperation",),
        target_countries=("TR", "AZ"),
        sdgs=(3, 12),
    ),
    DemoProfile(
        owner=SILK_ROAD_VENTURES,
        kind=BR,
        title="Tarım teknolojisi girişimlerine ortak yatırım için Türk yatırımcılar aranıyor",
        summary=(
            "Almatı merkezli girişim sermayesi fonu, Orta Asya'daki tarım teknolojisi girişimlerine "
            "birlikte yatırım yapacak Türk fonları ve melek yatırımcılar arıyor."
        ),
        description=(
            "Portföyümüzde hassas tarım, sulama ve tohum teknolojileri alanında çalışan girişimler "
            "bulunuyor. Türk yatırımcılarla birlikte tur açmak, girişimlerin Türkiye pazarına açılmasını "
            "desteklemek ve teknoparklardaki hızlandırma programlarıyla işbirliği yapmak istiyoruz. "
            "Yatırım tutarı girişim başına yüz bin ile bir milyon dolar arasındadır."
        ),
        partner_type=Profile.PartnerType.INVESTOR,
        sectors=("agriculture-food",),
        keywords=("agriculture-food/precision-agriculture", "agriculture-food/irrigation"),
        partnership_types=("investment", "joint_venture"),
        target_countries=("TR",),
        sdgs=(2, 8),
    ),
    # Persian
    DemoProfile(
        owner=TABRIZ,
        kind=TR,
        title="درخواست فناوری نمک‌زدایی آب‌های زیرزمینی شور برای روستاهای آذربایجان شرقی",
        summary=(
            "پارک علم و فناوری آذربایجان شرقی به دنبال فناوری کم‌مصرف برای شیرین‌سازی آب چاه‌های شور "
            "در روستاهای اطراف دریاچه ارومیه است."
        ),
        description=(
            "با کاهش سطح آب دریاچه ارومیه، شوری آب چاه‌های بسیاری از روستاها افزایش یافته است. ما "
            "به دنبال سامانه‌ای کوچک و مقاوم برای نمک‌زدایی هستیم که با انرژی خورشیدی کار کند، "
            "نگهداری آسانی داشته باشد و روزانه ده تا پنجاه متر مکعب آب آشامیدنی تولید کند. انتقال "
            "دانش فنی، آموزش کارشناسان محلی و امکان ساخت بخشی از تجهیزات در شرکت‌های مستقر در پارک "
            "برای ما اهمیت دارد."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("energy-environment", "agriculture-food"),
        keywords=("energy-environment/water-treatment", "energy-environment/solar"),
        partnership_types=("licence", "commercial_ta", "joint_venture"),
        target_countries=("CN", "TR", "KR"),
        sdgs=(6, 7),
    ),
    DemoProfile(
        owner=TABRIZ,
        kind=TR,
        title="درخواست فناوری تولید بذر هیبرید گوجه‌فرنگی مقاوم به خشکی",
        summary=(
            "یک شرکت دانش‌بنیان کشاورزی مستقر در پارک به دنبال فناوری اصلاح و تولید بذر هیبرید "
            "گوجه‌فرنگی سازگار با کم‌آبی است."
        ),
        description=(
            "کشاورزان استان با کمبود آب آبیاری روبرو هستند و بذرهای وارداتی گران و همیشه در دسترس "
            "نیستند. این شرکت می‌خواهد لاین‌های والدینی مقاوم به خشکی را از طریق قرارداد لیسانس "
            "دریافت کند، روش‌های تولید بذر هیبرید را بیاموزد و آزمایش‌های مزرعه‌ای مشترک انجام دهد. "
            "همکاری پژوهشی با مؤسسات اصلاح نباتات نیز مورد استقبال است."
        ),
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("agriculture-food",),
        keywords=("agriculture-food/seeds-breeding",),
        partnership_types=("licence", "research_cooperation"),
        target_countries=("TR", "CN", "UZ"),
        sdgs=(2, 15),
        anonymous=True,
    ),
    DemoProfile(
        owner=TABRIZ,
        kind=TO,
        title="سامانه هوشمند پایش و کنترل گلخانه مبتنی بر اینترنت اشیا",
        summary=(
            "شرکت‌های مستقر در پارک سامانه‌ای ارائه می‌کنند که دما، رطوبت و آبیاری گلخانه را با "
            "حسگرهای بی‌سیم پایش و به‌صورت خودکار کنترل می‌کند."
        ),
        description=(
            "این سامانه شامل حسگرهای خاک و هوا، دروازه ارتباطی کم‌مصرف، نرم‌افزار تحت وب و برنامه "
            "تلفن همراه است. در بیش از سی گلخانه استان نصب شده و مصرف آب را به‌طور میانگین یک‌چهارم "
            "کاهش داده است. به دنبال نمایندگی فروش و شرکای فنی برای بومی‌سازی سامانه در کشورهای "
            "همسایه هستیم."
        ),
        stage=Profile.Stage.ON_THE_MARKET,
        trl=9,
        sectors=("agriculture-food", "ict-ai"),
        keywords=("ict-ai/iot", "agriculture-food/precision-agriculture", "agriculture-food/irrigation"),
        partnership_types=("commercial_ta", "supplier"),
        target_countries=("AZ", "TR", "TM", "UZ"),
        sdgs=(2, 6),
    ),
    DemoProfile(
        owner=TABRIZ,
        kind=RDR,
        title="همکاری پژوهشی در پایش ماهواره‌ای دریاچه ارومیه و تالاب‌های اطراف",
        summary=(
            "پارک به دنبال شریک پژوهشی برای تحلیل تصاویر ماهواره‌ای و مدل‌سازی تغییرات سطح آب و "
            "پوشش گیاهی حوضه دریاچه ارومیه است."
        ),
        description=(
            "پیشنهاد ما یک پروژه سه‌ساله است که داده‌های ماهواره‌ای نوری و راداری را با "
            "اندازه‌گیری‌های زمینی ترکیب می‌کند. هدف، تهیه نقشه‌های فصلی، پیش‌بینی گرد و غبار نمکی و "
            "ارائه ابزار تصمیم‌گیری به مدیران منابع آب است. شرکای دارای تجربه در سنجش از دور و "
            "یادگیری ماشین دعوت به همکاری می‌شوند."
        ),
        stage=Profile.Stage.CONCEPT,
        trl=3,
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("space", "energy-environment"),
        keywords=("space/earth-observation", "ict-ai/machine-learning"),
        partnership_types=("research_cooperation",),
        target_countries=("CN", "TR", "AZ"),
        sdgs=(6, 13, 15),
    ),
    DemoProfile(
        owner=TABRIZ,
        kind=BO,
        title="خدمات آزمون ایمنی لوازم خانگی برقی برای تولیدکنندگان منطقه",
        summary=(
            "آزمایشگاه همکار پارک آزمون‌های ایمنی الکتریکی و سازگاری الکترومغناطیسی لوازم خانگی را "
            "برای صادرات ارائه می‌دهد."
        ),
        description=(
            "این آزمایشگاه آزمون‌های استحکام عایقی، جریان نشتی، افزایش دما و پایداری مکانیکی را انجام "
            "می‌دهد و گزارش‌های آزمون را برای ارزیابی انطباق آماده می‌کند. تولیدکنندگان و واردکنندگان "
            "منطقه و آزمایشگاه‌های خارجی برای شناسایی متقابل نتایج دعوت به همکاری می‌شوند."
        ),
        sectors=("product-safety",),
        keywords=("product-safety/testing",),
        partnership_types=("commercial_ta",),
        target_countries=("AZ", "TM", "IQ"),
        sdgs=(9,),
        status=DRAFT,
    ),
    # Chinese
    DemoProfile(
        owner=SCO_TOWN,
        kind=TO,
        title="小型卫星地面站成套设备及测控服务",
        summary="示范区企业提供小型卫星地面站的设计、建设和运营服务，包括天线、射频链路、测控软件和数据接收处理。",
        description=(
            "该地面站支持S波段和X波段，天线口径三点七米至七点三米，可对低轨小卫星进行跟踪、遥测、"
            "遥控和数据下传。我们提供交钥匙工程、人员培训和远程运维，也可共享现有地面站网络的接收时间。"
            "欢迎中亚和伊朗的航天机构、大学和卫星运营商洽谈合作，可采用技术合作或合资方式。"
        ),
        stage=Profile.Stage.ON_THE_MARKET,
        trl=9,
        partner_type=Profile.PartnerType.PUBLIC_BODY,
        sectors=("space",),
        keywords=("space/ground-segment", "space/satellites"),
        partnership_types=("commercial_ta", "joint_venture"),
        target_countries=("KZ", "UZ", "TM", "IR", "AZ"),
        sdgs=(9, 17),
    ),
    DemoProfile(
        owner=SCO_TOWN,
        kind=BO,
        title="为中亚农产品出口企业提供检测认证一站式服务",
        summary="上合示范区检测中心为进入中国市场的中亚农产品提供农药残留、重金属和微生物检测以及清真认证咨询。",
        description=(
            "检测中心拥有经认可的实验室，可按中国国家标准开展检测并出具报告，帮助出口企业缩短通关时间。"
            "我们还提供标签合规、清真认证对接和冷链物流咨询。希望与中亚的农业合作社、出口企业和检测机构"
            "建立长期合作，并开展实验室间比对和人员交流。"
        ),
        partner_type=Profile.PartnerType.SME,
        sectors=("agriculture-food", "product-safety"),
        keywords=("product-safety/testing", "agriculture-food/halal"),
        partnership_types=("commercial_ta", "technical_cooperation"),
        target_countries=("KZ", "UZ", "KG", "TJ", "TM"),
        sdgs=(2, 17),
    ),
    DemoProfile(
        owner=SCO_TOWN,
        kind=RDR,
        title="寻求中亚棉花病虫害遥感监测研究合作伙伴",
        summary="示范区研究机构计划利用卫星和无人机遥感数据建立棉花病虫害早期预警模型，寻求中亚农业科研伙伴。",
        description=(
            "项目拟结合多光谱卫星影像、无人机高光谱数据和田间调查数据，训练病虫害识别模型，"
            "并在乌兹别克斯坦和塔吉克斯坦的示范田进行验证。合作伙伴需提供田间试验条件和历史病虫害记录，"
            "我方提供数据处理平台和算法。计划联合申请国际科技合作项目。"
        ),
        stage=Profile.Stage.CONCEPT,
        trl=3,
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("space", "agriculture-food"),
        keywords=("space/earth-observation", "agriculture-food/precision-agriculture"),
        partnership_types=("research_cooperation",),
        target_countries=("UZ", "TJ", "TM"),
        sdgs=(2, 15),
    ),
    DemoProfile(
        owner=SCO_TOWN,
        kind=TO,
        title="基于机器视觉的水果自动分级分选设备",
        summary="示范区企业研制的分选线利用机器视觉和深度学习，按大小、颜色和表面缺陷对苹果、石榴等水果自动分级。",
        description=(
            "设备每小时处理能力五至十吨，识别准确率超过百分之九十五，已在山东多家果品企业使用。"
            "我们可根据当地水果品种调整识别模型，提供安装调试、操作培训和备件供应。"
            "寻求中亚和伊朗的果品加工企业和设备代理商，合作方式包括设备销售加技术服务或合资生产。"
        ),
        stage=Profile.Stage.ON_THE_MARKET,
        trl=9,
        ipr_status=Profile.IprStatus.GRANTED,
        sectors=("ict-ai", "agriculture-food"),
        keywords=("ict-ai/computer-vision", "agriculture-food/food-processing"),
        partnership_types=("commercial_ta", "joint_venture"),
        target_countries=("UZ", "IR", "AZ", "KZ"),
        sdgs=(2, 9),
    ),
    # Korean
    DemoProfile(
        owner=HANBIT,
        kind=TO,
        title="현장 진단용 전기화학 바이오센서 플랫폼",
        summary=(
            "스마트폰과 연결되는 휴대용 리더기와 일회용 전극 칩으로 혈액 한 방울에서 염증 지표와 "
            "심혈관 질환 표지자를 십 분 안에 측정합니다."
        ),
        description=(
            "한빛바이오센서는 판교테크노밸리에 입주한 기업으로, 항체와 앱타머를 고정한 스크린 인쇄 "
            "전극을 개발했습니다. 플랫폼은 여러 바이오마커로 확장할 수 있으며 임상 성능 평가를 "
            "진행하고 있습니다. 중앙아시아의 병원, 진단기기 유통사, 현지 조립 생산을 함께할 "
            "제조 파트너를 찾고 있으며 기술 라이선스도 가능합니다."
        ),
        innovation=(
            "실험실 장비 없이 현장에서 정량 측정이 가능하고, 칩 하나로 여러 표지자를 동시에 분석합니다."
        ),
        stage=Profile.Stage.DEMONSTRATION,
        trl=6,
        ipr_status=Profile.IprStatus.GRANTED,
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("biotech-pharma", "health-medtech"),
        keywords=("biotech-pharma/diagnostics", "health-medtech/medical-devices"),
        partnership_types=("licence", "commercial_ta", "supplier"),
        target_countries=("UZ", "KZ", "TM", "AZ"),
        sdgs=(3,),
    ),
    DemoProfile(
        owner=GYEONGGI_BIO,
        kind=BO,
        title="중앙아시아 바이오 스타트업을 위한 인큐베이팅 및 공용 실험실 제공",
        summary=(
            "경기바이오센터는 한국 진출을 원하는 해외 바이오 스타트업에게 입주 공간, 공용 장비, "
            "인허가 컨설팅을 제공합니다."
        ),
        description=(
            "센터에는 세포 배양실, 분석 장비실, 동물 실험 지원 시설이 갖추어져 있습니다. 선정된 "
            "스타트업은 일 년 동안 사무실과 실험 공간을 사용하고, 식약처 인허가와 투자 유치에 대한 "
            "멘토링을 받습니다. 우즈베키스탄 제약산업 발전청과의 협약에 따라 전문가 교류도 "
            "진행합니다. 파트너 기관의 추천을 기다립니다."
        ),
        partner_type=Profile.PartnerType.SME,
        partner_size=Profile.PartnerSize.MICRO,
        sectors=("biotech-pharma",),
        keywords=("biotech-pharma/biopharmaceuticals",),
        partnership_types=("technical_cooperation",),
        target_countries=("UZ", "KZ", "TM"),
        sdgs=(3, 17),
    ),
    DemoProfile(
        owner=PANGYO,
        kind=RDR,
        title="중앙아시아 언어 의료 상담 챗봇을 위한 자연어 처리 공동 연구",
        summary=(
            "판교의 인공지능 기업들이 우즈베크어, 카자흐어, 투르크멘어로 의료 상담을 돕는 언어 "
            "모델을 함께 개발할 연구 파트너를 찾습니다."
        ),
        description=(
            "자원이 적은 언어는 의료 용어 말뭉치가 부족해 챗봇 성능이 낮습니다. 우리는 병원과 "
            "대학이 참여하는 공동 연구로 익명화된 상담 기록을 구축하고, 번역과 요약, 증상 분류 "
            "모델을 학습시키고자 합니다. 현지 의료 기관과 언어학 연구소의 참여를 환영하며 공동 "
            "과제 신청을 계획하고 있습니다."
        ),
        stage=Profile.Stage.UNDER_DEVELOPMENT,
        trl=4,
        partner_type=Profile.PartnerType.UNIVERSITY,
        sectors=("ict-ai", "health-medtech"),
        keywords=("ict-ai/natural-language", "health-medtech/telemedicine"),
        partnership_types=("research_cooperation",),
        target_countries=("UZ", "KZ", "TM"),
        sdgs=(3, 4),
    ),
    DemoProfile(
        owner=HANBIT,
        kind=BR,
        title="바이오센서 전극 스크린 인쇄 위탁 생산 파트너 모집",
        summary=(
            "바이오센서 기업이 탄소 및 은 페이스트 전극을 대량으로 스크린 인쇄할 위탁 생산 업체를 찾습니다."
        ),
        description=(
            "월 이십만 개 규모의 전극 칩을 청정 환경에서 인쇄하고, 건조, 절단, 포장까지 맡아 줄 "
            "업체가 필요합니다. 품질 관리 기준과 공정 조건은 우리가 제공하며, 초기 시제품 생산 "
            "후 장기 공급 계약을 맺을 계획입니다. 의료기기 품질경영시스템 인증을 보유한 업체를 "
            "우대합니다."
        ),
        partner_type=Profile.PartnerType.SME,
        partner_size=Profile.PartnerSize.MEDIUM,
        sectors=("health-medtech", "manufacturing"),
        keywords=("health-medtech/medical-devices",),
        partnership_types=("outsourcing", "supplier"),
        target_countries=("CN", "TR", "UZ"),
        sdgs=(9,),
        anonymous=True,
    ),
    DemoProfile(
        owner=GYEONGGI_BIO,
        kind=TR,
        title="중앙아시아 약용 식물 유래 항염증 소재 기술 도입",
        summary=(
            "경기바이오센터 입주 기업이 중앙아시아 약용 식물에서 추출한 항염증 후보 물질과 표준화 "
            "기술을 찾습니다."
        ),
        description=(
            "우리는 건강기능식품과 천연물 의약품 개발을 위해 효능 자료가 있는 추출물을 찾고 "
            "있습니다. 원료 식물의 재배와 수확, 추출 공정, 지표 성분 분석법을 함께 이전받고 "
            "공동 연구로 전임상 시험을 진행하기를 희망합니다. 우즈베키스탄과 투르크메니스탄의 "
            "연구소와 기업의 제안을 환영합니다."
        ),
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("biotech-pharma",),
        keywords=("biotech-pharma/plant-extracts",),
        partnership_types=("licence", "research_cooperation"),
        target_countries=("UZ", "TM", "KZ"),
        sdgs=(3,),
        status=SUBMITTED,
    ),
    # Kazakh
    DemoProfile(
        owner=SILK_ROAD_VENTURES,
        kind=TR,
        title="Тамшылатып суаруды топырақ ылғалдылығы бойынша басқару технологиясы қажет",
        summary=(
            "Алматы облысындағы фермерлер шаруашылықтарына арналған, топырақ ылғалдылығы датчиктері "
            "арқылы суаруды автоматты басқаратын арзан жүйе іздейміз."
        ),
        description=(
            "Біздің портфельдегі агрокомпания жеміс бақтары мен көкөніс алқаптарында суды үнемдегісі "
            "келеді. Қажетті технология датчиктерден, күн батареясымен жұмыс істейтін контроллерден "
            "және ұялы телефонға арналған қосымшадан тұруы тиіс. Лицензия алуға, жабдықты жергілікті "
            "жерде құрастыруға және мамандарды оқытуға дайынбыз."
        ),
        partner_type=Profile.PartnerType.SME,
        sectors=("agriculture-food", "ict-ai"),
        keywords=("agriculture-food/irrigation", "ict-ai/iot"),
        partnership_types=("licence", "commercial_ta"),
        target_countries=("IR", "TR", "CN", "KR"),
        sdgs=(2, 6),
    ),
    DemoProfile(
        owner=SILK_ROAD_VENTURES,
        kind=BO,
        title="Агротехнологиялық стартаптарға инвестиция және тәлімгерлік",
        summary=(
            "Венчурлық қор Орталық Азиядағы ауыл шаруашылығы технологияларын дамытатын командаларға "
            "инвестиция мен тәлімгерлік ұсынады."
        ),
        description=(
            "Біз дәл егіншілік, мал шаруашылығын цифрландыру және азық-түлікті өңдеу саласындағы "
            "стартаптарды іздейміз. Инвестициядан бөлек, тәжірибелі тәлімгерлер, серіктес "
            "фермерлік шаруашылықтарда сынақ жүргізу мүмкіндігі және Қытай мен Корея нарықтарына "
            "шығуға көмек береміз. Технопарктер мен бизнес-инкубаторларды бірлескен іріктеуге шақырамыз."
        ),
        partner_type=Profile.PartnerType.SME,
        partner_size=Profile.PartnerSize.MICRO,
        sectors=("agriculture-food",),
        keywords=("agriculture-food/precision-agriculture", "agriculture-food/food-processing"),
        partnership_types=("investment",),
        target_countries=("KZ", "KG", "UZ"),
        sdgs=(2, 8),
    ),
    DemoProfile(
        owner=SILK_ROAD_VENTURES,
        kind=RDR,
        title="Жерді қашықтықтан зондтау деректері бойынша бидай өнімділігін болжау",
        summary=(
            "Бидай алқаптарының өнімділігін спутниктік суреттер мен ауа райы деректері арқылы болжайтын "
            "модель жасау үшін ғылыми серіктес іздейміз."
        ),
        description=(
            "Жоба солтүстік облыстардағы астық шаруашылықтарының тарихи деректерін, спутниктік "
            "суреттерді және машиналық оқыту әдістерін біріктіреді. Серіктес ұйымнан қашықтықтан "
            "зондтау және агрономия саласындағы тәжірибе күтеміз. Нәтижелер сақтандыру компаниялары "
            "мен фермерлерге арналған қызметке айналуы мүмкін."
        ),
        stage=Profile.Stage.CONCEPT,
        trl=2,
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("space", "agriculture-food"),
        keywords=("space/earth-observation", "ict-ai/machine-learning"),
        partnership_types=("research_cooperation",),
        target_countries=("CN", "KR", "TR"),
        sdgs=(2, 13),
        status=DRAFT,
    ),
    # Uzbek
    DemoProfile(
        owner=PHARMA_AGENCY,
        kind=RDR,
        title=(
            "Mahalliy dorivor oʻsimliklardan standartlashtirilgan ekstraktlar ishlab chiqish "
            "boʻyicha hamkorlik"
        ),
        summary=(
            "Farmatsevtika tarmogʻini rivojlantirish agentligi mahalliy dorivor oʻsimliklar asosida "
            "yangi preparatlar yaratish uchun ilmiy hamkor izlamoqda."
        ),
        description=(
            "Oʻzbekistonda koʻplab dorivor oʻsimliklar oʻsadi, ammo ulardan olinadigan ekstraktlarning "
            "sifati har xil. Biz ekstraksiya usullarini optimallashtirish, faol moddalarni aniqlash "
            "uchun tahlil usullarini ishlab chiqish va klinikagacha tadqiqotlarni birgalikda oʻtkazishni "
            "taklif qilamiz. Gyeonggi Bio Center bilan tajriba almashish kelishuvi asosida Koreya va "
            "boshqa mamlakatlar ilmiy markazlari bilan qoʻshma loyiha tayyorlashga tayyormiz."
        ),
        stage=Profile.Stage.CONCEPT,
        trl=3,
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("biotech-pharma",),
        keywords=("biotech-pharma/plant-extracts", "biotech-pharma/generic-medicines"),
        partnership_types=("research_cooperation", "technical_cooperation"),
        target_countries=("KR", "TR", "CN"),
        sdgs=(3, 9),
    ),
    DemoProfile(
        owner=TOSHKENT_FARMA,
        kind=BR,
        title="Farmatsevtika substansiyalari va yordamchi moddalar yetkazib beruvchilari izlanmoqda",
        summary=(
            "Toshkent Farma Park rezidentlari GMP talablariga mos faol farmatsevtik substansiyalar va "
            "yordamchi moddalar yetkazib beruvchilarini qidirmoqda."
        ),
        description=(
            "Park korxonalari tabletka, kapsula va in'ektsiya shakllarini ishlab chiqaradi. Bizga "
            "sifat sertifikatlari va roʻyxatdan oʻtish hujjatlari bilan taʼminlangan barqaror "
            "yetkazib beruvchilar kerak. Uzoq muddatli yetkazib berish shartnomasi, omborni mahalliy "
            "joylashtirish va texnik yordam masalalarini muhokama qilishga tayyormiz."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        partner_size=Profile.PartnerSize.LARGE,
        sectors=("biotech-pharma",),
        keywords=("biotech-pharma/generic-medicines",),
        partnership_types=("supplier",),
        target_countries=("CN", "KR", "TR", "IR"),
        sdgs=(3, 12),
    ),
    DemoProfile(
        owner=PHARMA_AGENCY,
        kind=TR,
        title="Dori vositalari sifatini nazorat qilish laboratoriyasi uchun texnologiya va uskunalar",
        summary=(
            "Agentlik dori vositalari sifatini nazorat qiluvchi laboratoriyani zamonaviy tahlil "
            "uskunalari va usullari bilan jihozlash uchun hamkor izlamoqda."
        ),
        description=(
            "Laboratoriya yuqori samarali suyuqlik xromatografiyasi, eruvchanlik testlari va "
            "mikrobiologik nazorat boʻyicha quvvatini oshirishi kerak. Uskunalarni yetkazib berish, "
            "usullarni validatsiya qilish, xodimlarni oʻqitish va laboratoriyani akkreditatsiyaga "
            "tayyorlashda texnik yordam kutilmoqda."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("biotech-pharma", "standards-conformity"),
        keywords=("standards-conformity/laboratory-accreditation", "metrology/measurement-instruments"),
        partnership_types=("commercial_ta", "technical_cooperation"),
        target_countries=("KR",),
        sdgs=(3,),
        visibility=SELECTED,
        visible_to=(GYEONGGI_BIO, PANGYO),
    ),
    DemoProfile(
        owner=TOSHKENT_FARMA,
        kind=BO,
        title="Toshkent Farma Parkda farmatsevtika ishlab chiqarish uchun maydonlar va imtiyozlar",
        summary=(
            "Klaster xorijiy farmatsevtika kompaniyalariga ishlab chiqarish maydonlari, muhandislik "
            "infratuzilmasi va soliq imtiyozlarini taklif qiladi."
        ),
        description=(
            "Toshkent Farma Park ilmiy tadqiqot, taʼlim va ishlab chiqarishni bir joyda birlashtiradi. "
            "Rezidentlar tayyor binolar, laboratoriya xizmatlari va malakali kadrlarga ega boʻladi. "
            "Qoʻshma korxona tuzish yoki texnologiya transferi orqali mahalliy ishlab chiqarishni "
            "yoʻlga qoʻymoqchi boʻlgan kompaniyalarni taklif qilamiz."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("biotech-pharma",),
        keywords=("biotech-pharma/biopharmaceuticals", "biotech-pharma/vaccines"),
        partnership_types=("joint_venture", "investment"),
        target_countries=("KR", "CN", "TR", "IR"),
        sdgs=(3, 8, 9),
    ),
    # Turkmen
    DemoProfile(
        owner=AST,
        kind=TO,
        title="Ýerli ösümliklerden antioksidant ekstraktlaryny almagyň tehnologiýasy",
        summary=(
            "Tehnologiýalar merkezi Türkmenistanyň ýabany ösümliklerinden antioksidant ekstraktlaryny "
            "almak we arassalamak üçin usuly hödürleýär."
        ),
        description=(
            "Usul ýumşak şertlerde ekstraksiýa, membrana arkaly arassalamak we guratmak tapgyrlaryndan "
            "durýar. Alnan önüm iýmit goşundylary we kosmetika üçin ulanylyp bilner. Biz "
            "tehnologiýany ygtyýarnama esasynda bermäge, hünärmenleri taýýarlamaga we bilelikde "
            "önümçilik gurmaga taýýar. Hyzmatdaş hökmünde senagat kärhanalaryny we ylmy merkezleri "
            "gözleýäris."
        ),
        stage=Profile.Stage.LAB_TESTED,
        trl=5,
        ipr_status=Profile.IprStatus.APPLIED,
        sectors=("biotech-pharma", "agriculture-food"),
        keywords=("biotech-pharma/plant-extracts",),
        partnership_types=("licence", "joint_venture"),
        target_countries=("KR", "TR", "CN", "UZ"),
        sdgs=(3, 15),
        visibility=MEMBERS_ONLY,
    ),
    DemoProfile(
        owner=AST,
        kind=RDR,
        title="Kiçi emeli hemralaryň maglumatlary esasynda çölleşmä gözegçilik boýunça bilelikdäki barlag",
        summary=(
            "Tehnologiýalar merkezi Garagum sährasynyň gyralaryndaky çölleşmäni emeli hemra maglumatlary "
            "arkaly öwrenmek üçin ylmy hyzmatdaş gözleýär."
        ),
        description=(
            "Taslama ösümlik örtüginiň, gum süýşmeleriniň we topragyň şorlaşmagynyň üýtgemelerini "
            "emeli hemra suratlary we ýerüsti ölçegler bilen yzarlamagy göz öňünde tutýar. "
            "Hyzmatdaşdan uzakdan zondlamak we maglumatlary seljermek boýunça tejribe garaşylýar. "
            "Bilelikdäki neşirler we alymlaryň alyş-çalşygy meýilleşdirilýär."
        ),
        stage=Profile.Stage.CONCEPT,
        trl=2,
        partner_type=Profile.PartnerType.RESEARCH,
        sectors=("space", "energy-environment"),
        keywords=("space/earth-observation", "space/satellites"),
        partnership_types=("research_cooperation",),
        target_countries=("CN", "KZ", "TR"),
        sdgs=(13, 15),
        visibility=MEMBERS_ONLY,
    ),
    DemoProfile(
        owner=AST,
        kind=BR,
        title="Ölçeg serişdelerini kalibrlemek üçin etalon enjamlarynyň üpjünçisi gözlenilýär",
        summary=(
            "Metrologiýa barlaghanasy basyş, temperatura we massa etalonlaryny üpjün etjek we "
            "hünärmenleri okatjak hyzmatdaş gözleýär."
        ),
        description=(
            "Barlaghana kalibrleme hyzmatlaryny giňeltmek üçin täze etalon enjamlaryny almakçy. "
            "Üpjünçiden enjamlary gurnamak, hünärmenleri okatmak we halkara deňeşdirmelere gatnaşmakda "
            "kömek garaşylýar. Uzak möhletli üpjünçilik şertnamasy baglaşmaga taýýarys."
        ),
        partner_type=Profile.PartnerType.INDUSTRY,
        sectors=("metrology",),
        keywords=("metrology/calibration", "metrology/measurement-instruments"),
        partnership_types=("supplier", "commercial_ta"),
        target_countries=("TR", "CN", "KR", "RU"),
        sdgs=(9,),
        status=SUBMITTED,
    ),
    # Azerbaijani
    DemoProfile(
        owner=TABRIZ,
        kind=TO,
        title="Üzüm bağları üçün günəş enerjisi ilə işləyən damcı suvarma nəzarətçisi",
        summary=(
            "Təbriz parkının rezident şirkəti üzüm bağlarında suyu qənaət edən, günəş panelindən "
            "qidalanan ağıllı damcı suvarma nəzarətçisi təklif edir."
        ),
        description=(
            "Nəzarətçi torpaq nəmliyi sensorlarından və hava proqnozundan istifadə edərək suvarma "
            "vaxtını avtomatik müəyyən edir. Sınaqlarda su sərfi təxminən otuz faiz azalıb. Biz "
            "Azərbaycan və Türkiyədə distribyutorlar, həmçinin yerli istehsal üçün birgə müəssisə "
            "tərəfdaşı axtarırıq."
        ),
        stage=Profile.Stage.DEMONSTRATION,
        trl=7,
        sectors=("agriculture-food", "energy-environment"),
        keywords=("agriculture-food/irrigation", "energy-environment/solar"),
        partnership_types=("commercial_ta", "joint_venture"),
        target_countries=("AZ", "TR", "UZ"),
        sdgs=(2, 6, 7),
    ),
    DemoProfile(
        owner=TABRIZ,
        kind=BR,
        title="Kənd təsərrüfatı məhsulları üçün halal sertifikatlaşdırma tərəfdaşı axtarılır",
        summary=(
            "Parkdakı qida emalı şirkətləri ixrac üçün halal sertifikatlaşdırma və laboratoriya "
            "sınaqları üzrə etibarlı tərəfdaş axtarır."
        ),
        description=(
            "Şirkətlər quru meyvə, bal və süd məhsulları istehsal edir və Körfəz ölkələrinə ixrac etmək "
            "istəyir. Tərəfdaşdan sertifikatlaşdırma prosesinin təşkili, laboratoriya sınaqları və "
            "işçilərin təlimi gözlənilir. Uzunmüddətli xidmət müqaviləsi bağlamağa hazırıq."
        ),
        partner_type=Profile.PartnerType.SME,
        sectors=("agriculture-food", "standards-conformity"),
        keywords=("agriculture-food/halal", "standards-conformity/certification"),
        partnership_types=("commercial_ta",),
        target_countries=("AZ", "TR", "AE"),
        sdgs=(8, 12),
        status=SUBMITTED,
    ),
)


def _author_for(organisation: Organisation) -> User | None:
    """One of the organisation's people to write its profiles: an admin if it has one."""
    membership = (
        OrganisationMembership.objects.filter(organisation=organisation, user__is_active=True)
        .exclude(role=Role.SECRETARIAT)
        .select_related("user")
        # The demo's own people before the operator who set the organisation up; "admin" before "member".
        .order_by("user__is_staff", "role", "id")
        .first()
    )
    return membership.user if membership is not None else None


def _moderator_for(organisation: Organisation, *, users_by_email: dict[str, User]) -> User:
    """The network secretariat where it moderates the owner, else the platform operator."""
    secretariat = users_by_email.get(SECRETARIAT_EMAIL)
    if secretariat is not None and organisation.pk in moderated_organisation_ids(secretariat):
        return secretariat
    return users_by_email[OPERATOR_EMAIL]


def demo_marketplace_load(
    *, organisations_by_name: dict[str, Organisation], users_by_email: dict[str, User]
) -> list[str]:
    """Create the demo profiles that do not exist yet (found by owner and title) and take each as far
    as the demo wants it: draft, submitted, or published by its moderator. Returns what was created."""
    created: list[str] = []
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    keywords = {keyword.code: keyword for keyword in Keyword.objects.all()}
    for entry in PROFILES:
        owner = organisations_by_name.get(entry.owner)
        if owner is None or Profile.objects.filter(owner=owner, title=entry.title).exists():
            continue
        author = _author_for(owner)
        if author is None:
            continue
        profile = profile_create(
            actor=author,
            owner=owner,
            kind=entry.kind,
            title=entry.title,
            summary=entry.summary,
            description=entry.description,
            innovation=entry.innovation,
            stage=entry.stage,
            trl=entry.trl,
            ipr_status=entry.ipr_status,
            partner_type=entry.partner_type,
            partner_size=entry.partner_size,
            partner_role=entry.partner_role,
            sectors=[sectors[code] for code in entry.sectors],
            keywords=[keywords[code] for code in entry.keywords],
            partnership_types=entry.partnership_types,
            target_countries=entry.target_countries,
            sdgs=entry.sdgs,
            visibility=entry.visibility,
            visible_to=[
                organisations_by_name[name] for name in entry.visible_to if name in organisations_by_name
            ],
            anonymous=entry.anonymous,
        )
        if entry.status in (SUBMITTED, PUBLISHED):
            profile = profile_submit(actor=author, profile=profile)
        if entry.status == PUBLISHED:
            profile = profile_publish(
                actor=_moderator_for(owner, users_by_email=users_by_email), profile=profile
            )
        created.append(f"profile {profile.reference} ({profile.status}) of {owner.name}")
    return created
