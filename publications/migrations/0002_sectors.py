from django.db import migrations

# The sectors of the Seoul Policy Archive's policy-sharing pages. Staff edit them in the admin
# afterwards; this only creates the missing ones (by slug) and never overwrites edits.
SECTORS = [
    ("urban-planning", "도시계획", "Urban planning"),
    ("transportation", "교통", "Transportation"),
    ("environment", "환경", "Environment"),
    ("water", "상하수도", "Water"),
    ("e-government", "전자정부", "E-government"),
    ("economy", "경제", "Economy"),
    ("culture", "문화", "Culture"),
    ("welfare", "복지", "Welfare"),
    ("safety", "안전", "Safety"),
    ("city-diplomacy", "도시외교", "City diplomacy"),
]


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("publications", "Sector")
    for order, (slug, name_ko, name_en) in enumerate(SECTORS, start=1):
        Sector.objects.get_or_create(
            slug=slug, defaults={"name_ko": name_ko, "name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [migrations.RunPython(create_sectors, migrations.RunPython.noop)]
