"""Area deprivation by postcode: the lookup a pupil's postcode passes through, then is dropped."""

from django.db import models


class PostcodeDeprivation(models.Model):
    """One postcode, the 2021 LSOA it lies in, and that LSOA's IDACI decile (IoD2025).

    Loaded by ``manage.py load_idaci`` from the ONS postcode directory and the English
    Indices of Deprivation; reference data, not pupil data. ``postcode`` is upper case with
    one space before the inward code ("SE1 7PB"), as the importer normalises it.
    ``idaci_decile`` is 1 for the 10% most deprived areas of England, 10 for the least, and
    null for an LSOA the indices do not cover.
    """

    postcode = models.CharField(max_length=8, primary_key=True)
    lsoa21 = models.CharField(max_length=9)
    idaci_decile = models.PositiveSmallIntegerField(null=True)

    class Meta:
        verbose_name = "postcode deprivation"
        verbose_name_plural = "postcode deprivation"

    def __str__(self) -> str:
        return f"{self.postcode} → {self.lsoa21} (IDACI decile {self.idaci_decile})"
