"""The adminduk services and their public service standard (PermenPANRB 15/2014).

Every kabupaten/kota's Dinas Kependudukan dan Pencatatan Sipil offers them
(``dispendukcapil-{regency}``); an application goes to the Dispendukcapil of the
desa/kelurahan it names (``kode_desa``). Population documents are free of charge:
UU 23/2006 as amended by UU 24/2013, Article 79A.
"""

from __future__ import annotations

from core.services import (
    Choice,
    Component,
    Datatype,
    Delivery,
    Fee,
    FormField,
    Requirement,
    ServiceDefinition,
    Step,
)
from plugins.adminduk import samples
from plugins.adminduk import validation as v

AGENCY = "dispendukcapil-{regency}"

FREE = Fee(
    amount=0,
    legal_basis="UU 23/2006 tentang Administrasi Kependudukan sebagaimana diubah dengan UU 24/2013, Pasal 79A",
    description_id="Gratis: pengurusan dan penerbitan dokumen kependudukan tidak dipungut biaya.",
    description_en="Free: population documents are applied for and issued free of charge.",
)

COMPLAINTS = (
    "Fitur pengaduan CETTAR; SP4N-LAPOR! (www.lapor.go.id, SMS 1708); "
    "Halo Dukcapil 1500537; loket pengaduan Dispendukcapil kabupaten/kota setempat"
)

COMMON_LAW = (
    "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan; "
    "Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil; "
    "Permendagri 108/2019 tentang Peraturan Pelaksanaan Perpres 96/2018; "
    "Permendagri 7/2019 tentang Pelayanan Administrasi Kependudukan secara Daring; "
    "Permendagri 19/2018 tentang Peningkatan Kualitas Layanan Administrasi Kependudukan"
)


def _components(extra_law: str = "") -> tuple[Component, ...]:
    return (
        Component("Dasar hukum", "Legal basis", COMMON_LAW + extra_law),
        Component(
            "Sarana dan prasarana",
            "Facilities",
            "SIAK (Sistem Informasi Administrasi Kependudukan) terpusat; loket pelayanan dan ruang tunggu; "
            "alat perekaman KTP-el; tanda tangan elektronik (TTE) BSrE",
        ),
        Component(
            "Kompetensi pelaksana",
            "Staff competence",
            "ASN Dispendukcapil (anggota KORPRI) terlatih operasional SIAK dan verifikasi dokumen",
        ),
        Component(
            "Pengawasan internal",
            "Internal supervision",
            "Kepala Bidang Pelayanan Pendaftaran Penduduk / Pencatatan Sipil; Inspektorat kabupaten/kota",
        ),
        Component(
            "Jaminan keamanan",
            "Security guarantee",
            "Data pribadi dilindungi UU 27/2022 tentang Pelindungan Data Pribadi; hak akses data kependudukan "
            "dibatasi (UU 24/2013 Pasal 79)",
        ),
    )


def _choices(*items: tuple[str, str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(key, name_id, name_en) for key, name_id, name_en in items)


KODE_DESA = FormField(
    "kode_desa",
    Datatype.STRING,
    "Kode desa/kelurahan domisili",
    "Desa/kelurahan code of the address",
    "Kode Kemendagri desa/kelurahan alamat di KK, misalnya 35.78.01.1001; menentukan Dispendukcapil "
    "kabupaten/kota yang memproses.",
    "The Kemendagri code of the desa/kelurahan of the address on the family card, e.g. 35.78.01.1001; "
    "it decides which kabupaten/kota's Dispendukcapil handles the application.",
    format="desa",
    max_length=13,
)

MARITAL_STATUS = _choices(
    (v.MaritalStatus.BELUM_KAWIN, "Belum kawin", "Never married"),
    (v.MaritalStatus.KAWIN, "Kawin", "Married"),
    (v.MaritalStatus.CERAI_HIDUP, "Cerai hidup", "Divorced"),
    (v.MaritalStatus.CERAI_MATI, "Cerai mati", "Widowed"),
)


def _nik(
    code: str, name_id: str, name_en: str, description_id: str, description_en: str, *, required: bool = True
) -> FormField:
    return FormField(
        code,
        Datatype.STRING,
        name_id,
        name_en,
        description_id,
        description_en,
        required=required,
        format="nik",
        max_length=16,
    )


def _kk(
    code: str, name_id: str, name_en: str, description_id: str, description_en: str, *, required: bool = True
) -> FormField:
    return FormField(
        code,
        Datatype.STRING,
        name_id,
        name_en,
        description_id,
        description_en,
        required=required,
        format="kk",
        max_length=16,
    )


STEPS_COMMON_START = (
    Step(
        "Pemohon mengisi formulir dan mengunggah persyaratan melalui aplikasi atau situs CETTAR, atau di loket",
        "The applicant fills in the form and uploads the requirements through the CETTAR app or website, "
        "or at the counter",
    ),
    Step(
        "Petugas Dispendukcapil memverifikasi data dan berkas; berkas yang kurang dikembalikan untuk diperbaiki",
        "A Dispendukcapil officer verifies the data and documents; an incomplete application is returned for revision",
    ),
)
STEPS_COMMON_END = (
    Step(
        "Dokumen ditandatangani secara elektronik oleh Kepala Dinas dan dicetak",
        "The document is signed electronically by the head of the agency and printed",
    ),
    Step(
        "Dokumen siap: diambil di loket dengan bukti pengajuan, atau diantar ke alamat pemohon",
        "The document is ready: picked up at the counter with the application receipt, or delivered "
        "to the applicant's address",
    ),
)


KK = ServiceDefinition(
    code="adminduk.kk",
    name_id="Kartu Keluarga (KK)",
    name_en="Family card (Kartu Keluarga)",
    agency_code=AGENCY,
    description_id=(
        "Penerbitan Kartu Keluarga baru atau perubahan: keluarga baru karena pernikahan, pisah KK, "
        "penambahan anggota karena kelahiran, pengurangan karena kematian, pindah datang, perubahan biodata, "
        "serta penggantian KK yang hilang atau rusak."
    ),
    description_en=(
        "A new or changed family card: a new family after a marriage, splitting from a card, a newborn "
        "joining, a member who died, moving in from elsewhere, changed biodata, or replacing a lost or "
        "damaged card."
    ),
    time_limit_days=3,
    fee=FREE,
    product_id="Kartu Keluarga dengan tanda tangan elektronik (dicetak pada kertas HVS A4)",
    product_en="A family card signed electronically (printed on A4 paper)",
    complaint_channel=COMPLAINTS,
    requirements=(
        Requirement(
            "Pemohon adalah kepala keluarga atau anggota keluarga yang tercantum dalam KK",
            "The applicant is the head or a member of the family on the card",
            attachment=False,
        ),
        Requirement("KK lama (kecuali pindah datang)", "The old family card (unless moving in)", required=False),
        Requirement(
            "Buku nikah/kutipan akta perkawinan (keluarga baru karena pernikahan, perubahan status perkawinan)",
            "Marriage book/certificate (a new family after a marriage, a change of marital status)",
            required=False,
        ),
        Requirement(
            "Surat keterangan lahir atau kutipan akta kelahiran (penambahan anggota karena kelahiran)",
            "Birth letter or birth certificate (a newborn joining)",
            required=False,
        ),
        Requirement(
            "Akta kematian atau surat keterangan kematian (pengurangan anggota karena kematian)",
            "Death certificate or death letter (a member who died)",
            required=False,
        ),
        Requirement(
            "Surat Keterangan Pindah WNI (SKPWNI) dari daerah asal (pindah datang)",
            "Moving certificate (SKPWNI) from the place of origin (moving in)",
            required=False,
        ),
        Requirement(
            "Surat keterangan kehilangan dari Kepolisian atau KK yang rusak (KK hilang/rusak)",
            "Police loss report, or the damaged card (lost or damaged card)",
            required=False,
        ),
        Requirement(
            "Dokumen bukti perubahan data: ijazah, SK, akta (perubahan biodata)",
            "Documents proving the change: diploma, decree, certificate (changed biodata)",
            required=False,
        ),
    ),
    steps=(
        *STEPS_COMMON_START,
        Step(
            "Data keluarga dimutakhirkan dalam SIAK dan nomor KK diterbitkan atau diperbarui",
            "The family's data is updated in SIAK and the card number issued or updated",
        ),
        *STEPS_COMMON_END,
    ),
    form=(
        FormField(
            "alasan",
            Datatype.SINGLEVALUELIST,
            "Alasan permohonan",
            "Reason for the application",
            "Peristiwa yang membuat KK perlu diterbitkan atau diubah.",
            "The event that makes a new or changed card necessary.",
            choices=_choices(
                (v.KkReason.PERNIKAHAN, "Keluarga baru karena pernikahan", "New family after a marriage"),
                (v.KkReason.PISAH_KK, "Pisah KK", "Splitting from a family card"),
                (v.KkReason.KELAHIRAN, "Penambahan anggota karena kelahiran", "A newborn joins"),
                (v.KkReason.KEMATIAN, "Pengurangan anggota karena kematian", "A member died"),
                (v.KkReason.PINDAH_DATANG, "Pindah datang dari daerah lain", "Moving in from elsewhere"),
                (v.KkReason.PERUBAHAN_DATA, "Perubahan biodata", "Changed biodata"),
                (v.KkReason.HILANG_RUSAK, "KK hilang atau rusak", "Lost or damaged card"),
            ),
        ),
        _kk(
            "nomor_kk_lama",
            "Nomor KK lama",
            "Old family card number",
            "No. KK (16 angka) kartu keluarga tempat pemohon tercantum sekarang; wajib kecuali pindah datang.",
            "The 16-digit number of the family card the applicant is on now; required unless moving in.",
            required=False,
        ),
        FormField(
            "nomor_skpwni",
            Datatype.STRING,
            "Nomor SKPWNI",
            "SKPWNI number",
            "Nomor Surat Keterangan Pindah WNI dari daerah asal; wajib untuk pindah datang.",
            "The number of the moving certificate from the place of origin; required when moving in.",
            required=False,
            max_length=64,
        ),
        _nik(
            "nik_kepala_keluarga",
            "NIK kepala keluarga",
            "Head of the family's NIK",
            "NIK (16 angka) kepala keluarga pada KK yang baru.",
            "The 16-digit NIK of the head of the family on the new card.",
        ),
        FormField(
            "jumlah_anggota",
            Datatype.NUMBER,
            "Jumlah anggota keluarga",
            "Number of family members",
            "Jumlah seluruh anggota pada KK yang baru, termasuk kepala keluarga (1-30).",
            "How many people the new card lists, the head included (1-30).",
        ),
        FormField(
            "nik_anggota",
            Datatype.TEXT,
            "NIK anggota keluarga",
            "Family members' NIKs",
            "NIK anggota selain kepala keluarga yang sudah memiliki NIK, satu per baris atau dipisah koma.",
            "The NIKs of the members other than the head who have one, one per line or separated by commas.",
            required=False,
            pattern=r"[0-9,;\s]*",
            max_length=600,
        ),
        FormField(
            "alamat",
            Datatype.TEXT,
            "Alamat",
            "Address",
            "Nama jalan, nomor rumah, dusun/lingkungan.",
            "Street, house number, hamlet/neighbourhood.",
            max_length=200,
        ),
        FormField(
            "rt",
            Datatype.STRING,
            "RT",
            "RT (neighbourhood unit)",
            "Nomor RT, 1-999.",
            "The RT number, 1-999.",
            pattern=r"[0-9]{1,3}",
            max_length=3,
        ),
        FormField(
            "rw",
            Datatype.STRING,
            "RW",
            "RW (community unit)",
            "Nomor RW, 1-999.",
            "The RW number, 1-999.",
            pattern=r"[0-9]{1,3}",
            max_length=3,
        ),
        KODE_DESA,
        FormField(
            "keterangan",
            Datatype.TEXT,
            "Keterangan perubahan",
            "Details of the change",
            "Data apa yang berubah dan menjadi apa; wajib untuk perubahan biodata.",
            "Which data changes and to what; required for changed biodata.",
            required=False,
        ),
    ),
    delivery=(Delivery.PICKUP, Delivery.HOME_DELIVERY),
    components=_components(),
    validate=v.validate_kk,
    sample_answers=samples.kk_answers,
    region_field="kode_desa",
    keywords=("kartu keluarga", "kk", "family card", "dukcapil", "pindah", "kelahiran"),
)


EKTP = ServiceDefinition(
    code="adminduk.ektp",
    name_id="KTP elektronik (e-KTP)",
    name_en="Electronic identity card (e-KTP)",
    agency_code=AGENCY,
    description_id=(
        "Penerbitan KTP-el baru bagi penduduk yang berusia 17 tahun atau sudah/pernah kawin, dan penggantian "
        "KTP-el yang hilang, rusak, atau karena perubahan data."
    ),
    description_en=(
        "A new electronic identity card for residents aged 17 or who are or have been married, and "
        "replacement of a lost or damaged card or after a change of data."
    ),
    time_limit_days=5,
    fee=FREE,
    product_id="KTP elektronik (KTP-el)",
    product_en="Electronic identity card (KTP-el)",
    complaint_channel=COMPLAINTS,
    requirements=(
        Requirement(
            "Telah berusia 17 tahun, sudah kawin, atau pernah kawin",
            "Aged 17 or older, married, or formerly married",
            attachment=False,
        ),
        Requirement("Kartu Keluarga", "Family card"),
        Requirement(
            "Surat keterangan kehilangan dari Kepolisian (KTP-el hilang)",
            "Police loss report (lost card)",
            required=False,
        ),
        Requirement("KTP-el yang rusak (KTP-el rusak)", "The damaged card (damaged card)", required=False),
        Requirement(
            "Dokumen bukti perubahan data (perubahan data)",
            "Documents proving the change (change of data)",
            required=False,
        ),
        Requirement(
            "Hadir untuk perekaman biometrik (foto, sidik jari, iris) bila belum pernah direkam",
            "Come in for biometric recording (photo, fingerprints, iris) if never recorded",
            attachment=False,
            required=False,
        ),
    ),
    steps=(
        *STEPS_COMMON_START,
        Step(
            "Perekaman biometrik di kantor Dispendukcapil atau kecamatan pada jadwal yang dipilih (bila belum "
            "pernah direkam)",
            "Biometric recording at the Dispendukcapil or kecamatan office on the chosen appointment (if never "
            "recorded)",
        ),
        Step(
            "Pencetakan KTP-el setelah data terverifikasi di database kependudukan nasional",
            "The card is printed once the data is verified in the national population database",
        ),
        Step(
            "KTP-el siap: diambil di loket dengan bukti pengajuan, atau diantar ke alamat pemohon",
            "The card is ready: picked up at the counter with the application receipt, or delivered to the "
            "applicant's address",
        ),
    ),
    form=(
        FormField(
            "jenis_permohonan",
            Datatype.SINGLEVALUELIST,
            "Jenis permohonan",
            "Kind of application",
            "KTP-el baru, atau penggantian karena hilang, rusak, atau perubahan data.",
            "A new card, or a replacement for a lost or damaged card or a change of data.",
            choices=_choices(
                (v.EktpKind.BARU, "Baru (usia 17 tahun atau sudah kawin)", "New (aged 17 or married)"),
                (v.EktpKind.HILANG, "Penggantian karena hilang", "Replacement of a lost card"),
                (v.EktpKind.RUSAK, "Penggantian karena rusak", "Replacement of a damaged card"),
                (v.EktpKind.PERUBAHAN_DATA, "Penggantian karena perubahan data", "Replacement after a data change"),
            ),
        ),
        _nik(
            "nik",
            "NIK pemohon",
            "Applicant's NIK",
            "NIK (16 angka) pemilik KTP-el.",
            "The 16-digit NIK of the card's holder.",
        ),
        _kk(
            "nomor_kk",
            "Nomor KK",
            "Family card number",
            "No. KK (16 angka) tempat pemohon tercantum.",
            "The 16-digit number of the family card the applicant is on.",
        ),
        FormField(
            "status_perkawinan",
            Datatype.SINGLEVALUELIST,
            "Status perkawinan",
            "Marital status",
            choices=MARITAL_STATUS,
        ),
        FormField(
            "sudah_perekaman",
            Datatype.SINGLEVALUELIST,
            "Sudah perekaman biometrik?",
            "Biometrics already recorded?",
            "Apakah foto, sidik jari, dan iris pemohon pernah direkam untuk KTP-el.",
            "Whether the applicant's photo, fingerprints and iris were ever recorded for an e-KTP.",
            choices=_choices(
                (v.Recorded.SUDAH, "Sudah", "Yes"),
                (v.Recorded.BELUM, "Belum", "No"),
            ),
        ),
        FormField(
            "tanggal_perekaman",
            Datatype.DATETIME,
            "Jadwal perekaman",
            "Recording appointment",
            "Hari kerja untuk datang perekaman, mulai hari kerja berikutnya sampai 3 hari kerja ke depan; wajib "
            "bila belum pernah direkam.",
            "A working day to come for recording, from the next working day to 3 working days ahead; required "
            "if never recorded.",
            required=False,
            format="date",
        ),
        FormField(
            "nomor_surat_kehilangan",
            Datatype.STRING,
            "Nomor surat keterangan kehilangan",
            "Police loss report number",
            "Nomor surat keterangan kehilangan dari Kepolisian; wajib bila KTP-el hilang.",
            "The number of the police loss report; required for a lost card.",
            required=False,
            max_length=64,
        ),
        FormField(
            "keterangan",
            Datatype.TEXT,
            "Keterangan perubahan",
            "Details of the change",
            "Data apa yang berubah; wajib untuk perubahan data.",
            "Which data changes; required for a change of data.",
            required=False,
        ),
        KODE_DESA,
    ),
    delivery=(Delivery.PICKUP, Delivery.HOME_DELIVERY),
    components=_components(),
    validate=v.validate_ektp,
    sample_answers=samples.ektp_answers,
    region_field="kode_desa",
    keywords=("ktp", "e-ktp", "ktp-el", "identity card", "kartu tanda penduduk", "dukcapil"),
)


AKTA_KELAHIRAN = ServiceDefinition(
    code="adminduk.akta_kelahiran",
    name_id="Akta Kelahiran",
    name_en="Birth certificate (Akta Kelahiran)",
    agency_code=AGENCY,
    description_id=(
        "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran, sekaligus penambahan anak ke KK. "
        "Kelahiran dilaporkan paling lambat 60 hari sejak lahir; pelaporan yang lebih lambat tetap dilayani."
    ),
    description_en=(
        "Registration of a birth and issue of the birth certificate, adding the child to the family card. "
        "A birth is reported within 60 days; later reports are still accepted."
    ),
    time_limit_days=3,
    fee=FREE,
    product_id="Kutipan akta kelahiran dan KK yang diperbarui, dengan tanda tangan elektronik",
    product_en="The birth certificate and the updated family card, signed electronically",
    complaint_channel=COMPLAINTS,
    requirements=(
        Requirement(
            "Surat keterangan lahir dari rumah sakit/puskesmas/dokter/bidan, atau SPTJM kebenaran data kelahiran "
            "dengan dua saksi",
            "Birth letter from the hospital/health centre/doctor/midwife, or a statement of responsibility "
            "(SPTJM) for the birth data with two witnesses",
        ),
        Requirement(
            "Buku nikah/kutipan akta perkawinan orang tua, atau SPTJM kebenaran sebagai pasangan suami istri",
            "Parents' marriage book/certificate, or a statement of responsibility (SPTJM) of being husband and wife",
            required=False,
        ),
        Requirement("Kartu Keluarga tempat anak didaftarkan", "The family card the child joins"),
        Requirement("KTP-el ibu (dan ayah bila dicantumkan)", "The mother's e-KTP (and the father's if named)"),
    ),
    steps=(
        *STEPS_COMMON_START,
        Step(
            "Pencatatan kelahiran dalam register akta kelahiran dan penambahan anak ke KK dalam SIAK",
            "The birth is entered in the register and the child added to the family card in SIAK",
        ),
        *STEPS_COMMON_END,
    ),
    form=(
        FormField(
            "nama_anak",
            Datatype.STRING,
            "Nama anak",
            "Child's name",
            "Paling sedikit dua kata, paling banyak 60 huruf termasuk spasi, tanpa angka dan tanda baca "
            "(Permendagri 73/2022).",
            "At least two words, at most 60 characters including spaces, no digits or punctuation "
            "(Permendagri 73/2022).",
            max_length=80,
        ),
        FormField(
            "jenis_kelamin",
            Datatype.SINGLEVALUELIST,
            "Jenis kelamin",
            "Sex",
            choices=_choices(
                (v.ChildSex.LAKI_LAKI, "Laki-laki", "Male"),
                (v.ChildSex.PEREMPUAN, "Perempuan", "Female"),
            ),
        ),
        FormField(
            "tanggal_lahir",
            Datatype.DATETIME,
            "Tanggal lahir",
            "Date of birth",
            "Tanggal lahir anak, tidak di masa depan.",
            "The child's date of birth, not in the future.",
            format="date",
        ),
        FormField(
            "tempat_dilahirkan",
            Datatype.SINGLEVALUELIST,
            "Tempat dilahirkan",
            "Place of birth (kind)",
            choices=_choices(
                (v.BirthPlace.RUMAH_SAKIT, "Rumah sakit/rumah bersalin", "Hospital/maternity clinic"),
                (v.BirthPlace.PUSKESMAS, "Puskesmas", "Community health centre"),
                (v.BirthPlace.POLINDES, "Polindes/Poskesdes", "Village maternity post"),
                (v.BirthPlace.RUMAH, "Rumah", "Home"),
                (v.BirthPlace.LAINNYA, "Lainnya", "Other"),
            ),
        ),
        FormField(
            "kota_kelahiran",
            Datatype.STRING,
            "Kabupaten/kota kelahiran",
            "Kabupaten/kota of birth",
            "Nama kabupaten/kota tempat anak lahir, misalnya Kota Surabaya.",
            "The kabupaten/kota the child was born in, e.g. Kota Surabaya.",
            max_length=100,
        ),
        FormField(
            "jenis_kelahiran",
            Datatype.SINGLEVALUELIST,
            "Jenis kelahiran",
            "Kind of birth",
            choices=_choices(
                (v.BirthKind.TUNGGAL, "Tunggal", "Single"),
                (v.BirthKind.KEMBAR_2, "Kembar dua", "Twins"),
                (v.BirthKind.KEMBAR_3, "Kembar tiga", "Triplets"),
                (v.BirthKind.LAINNYA, "Lainnya", "Other"),
            ),
        ),
        FormField("anak_ke", Datatype.NUMBER, "Anak ke-", "Birth order", "Urutan kelahiran (1-20).", "1-20."),
        FormField(
            "penolong_kelahiran",
            Datatype.SINGLEVALUELIST,
            "Penolong kelahiran",
            "Birth attendant",
            choices=_choices(
                (v.BirthAttendant.DOKTER, "Dokter", "Doctor"),
                (v.BirthAttendant.BIDAN_PERAWAT, "Bidan/perawat", "Midwife/nurse"),
                (v.BirthAttendant.DUKUN, "Dukun bayi", "Traditional birth attendant"),
                (v.BirthAttendant.LAINNYA, "Lainnya", "Other"),
            ),
        ),
        FormField(
            "berat_bayi",
            Datatype.NUMBER,
            "Berat bayi (gram)",
            "Baby's weight (grams)",
            "200-7000 gram, bila diketahui.",
            "200-7000 grams, if known.",
            required=False,
        ),
        FormField(
            "panjang_bayi",
            Datatype.NUMBER,
            "Panjang bayi (cm)",
            "Baby's length (cm)",
            "20-70 cm, bila diketahui.",
            "20-70 cm, if known.",
            required=False,
        ),
        _nik("nik_ibu", "NIK ibu", "Mother's NIK", "NIK (16 angka) ibu kandung.", "The birth mother's 16-digit NIK."),
        FormField(
            "bukti_perkawinan",
            Datatype.SINGLEVALUELIST,
            "Bukti perkawinan orang tua",
            "Proof of the parents' marriage",
            "Menentukan apakah nama ayah dicantumkan dalam akta.",
            "Decides whether the certificate names the father.",
            choices=_choices(
                (v.MarriageProof.BUKU_NIKAH, "Buku nikah/kutipan akta perkawinan", "Marriage book/certificate"),
                (
                    v.MarriageProof.SPTJM_PASANGAN,
                    "SPTJM kebenaran sebagai pasangan suami istri",
                    "Statement of being husband and wife (SPTJM)",
                ),
                (v.MarriageProof.TIDAK_ADA, "Tidak ada: hanya nama ibu", "None: the mother only"),
            ),
        ),
        _nik(
            "nik_ayah",
            "NIK ayah",
            "Father's NIK",
            "NIK (16 angka) ayah; wajib kecuali akta hanya mencantumkan nama ibu.",
            "The father's 16-digit NIK; required unless the certificate names the mother only.",
            required=False,
        ),
        _kk(
            "nomor_kk",
            "Nomor KK",
            "Family card number",
            "No. KK (16 angka) tempat anak didaftarkan.",
            "The 16-digit number of the family card the child joins.",
        ),
        FormField(
            "bukti_kelahiran",
            Datatype.SINGLEVALUELIST,
            "Bukti kelahiran",
            "Proof of birth",
            choices=_choices(
                (
                    v.BirthProof.SURAT_KETERANGAN_LAHIR,
                    "Surat keterangan lahir",
                    "Birth letter from a health facility or midwife",
                ),
                (
                    v.BirthProof.SPTJM_KELAHIRAN,
                    "SPTJM kebenaran data kelahiran dengan dua saksi",
                    "Statement of responsibility with two witnesses",
                ),
            ),
        ),
        _nik(
            "nik_saksi_1",
            "NIK saksi pertama",
            "First witness's NIK",
            "Wajib bila kelahiran dibuktikan dengan SPTJM; saksi berusia 17 tahun ke atas, bukan orang tua.",
            "Required when the birth is proven by a SPTJM; a witness is 17 or older and not a parent.",
            required=False,
        ),
        _nik(
            "nik_saksi_2",
            "NIK saksi kedua",
            "Second witness's NIK",
            "Wajib bila kelahiran dibuktikan dengan SPTJM; orang yang berbeda dari saksi pertama.",
            "Required when the birth is proven by a SPTJM; not the same person as the first witness.",
            required=False,
        ),
        KODE_DESA,
    ),
    delivery=(Delivery.PICKUP, Delivery.HOME_DELIVERY),
    components=_components("; Permendagri 73/2022 tentang Pencatatan Nama pada Dokumen Kependudukan"),
    validate=v.validate_akta_kelahiran,
    sample_answers=samples.birth_certificate_answers,
    region_field="kode_desa",
    keywords=("akta kelahiran", "akte", "birth certificate", "kelahiran", "dukcapil"),
)

SERVICES: tuple[ServiceDefinition, ...] = (KK, EKTP, AKTA_KELAHIRAN)
