"""Factories and real (tiny) files for the publications tests."""

import io
import zipfile
from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from publications.models import Attachment, BodyFormat, Kind, Publication, Sector, Status
from publications.sectors import ensure_default_sectors


def pdf_bytes(text="Seoul Policy Archive test"):
    """A small, valid one-page PDF (correct cross-reference table), built byte by byte."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def zip_bytes(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def docx_bytes():
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document/>",
        }
    )


def hwpx_bytes():
    return zip_bytes({"mimetype": "application/hwp+zip", "Contents/section0.xml": "<hs:sec/>"})


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def sector(slug):
    ensure_default_sectors()  # a transactional (browser) test may have flushed them
    return Sector.objects.get(slug=slug)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication
        skip_postgeneration_save = True

    kind = Kind.PUBLICATION
    title = factory.Sequence(lambda n: f"서울 정책 보고서 {n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    summary = "서울시의 정책을 소개합니다."
    body = "본문입니다."
    body_format = BodyFormat.MARKDOWN
    publisher = "서울특별시"
    published_on = date(2024, 5, 1)
    language = "ko"
    status = Status.PUBLISHED

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set([sector(slug) for slug in extracted])

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.goals.set(extracted)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    publication = factory.SubFactory(PublicationFactory)
    file = factory.LazyFunction(lambda: upload("보고서.pdf", pdf_bytes(), "application/pdf"))
