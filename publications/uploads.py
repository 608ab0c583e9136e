"""The files a publication accepts, and where they are stored.

The check itself (size, extension, content) is the portal's one upload check,
`archive_portal.lib.uploads`. Publications store files under a random name (uuid4), so a stored
file's URL cannot be guessed from the publication or the original file name.
"""

from archive_portal.lib.uploads import FileType, UploadValidator, random_name

ATTACHMENT_TYPES = (
    FileType.PDF,
    FileType.HWP,
    FileType.HWPX,
    FileType.DOCX,
    FileType.XLSX,
    FileType.PPTX,
    FileType.ZIP,
    FileType.JPEG,
    FileType.PNG,
)
IMAGE_TYPES = (FileType.JPEG, FileType.PNG)
# Attachment.file_type: the types an attachment can have.
ATTACHMENT_TYPE_CHOICES = [(kind.value, kind.label) for kind in ATTACHMENT_TYPES]

# Module-level names: the migrations refer to them.
validate_attachment_file = UploadValidator(ATTACHMENT_TYPES)
validate_image_file = UploadValidator(IMAGE_TYPES)


def attachment_upload_to(instance, filename):
    return random_name("publications/files", filename)


def cover_upload_to(instance, filename):
    return random_name("publications/covers", filename)
