package portal

import "wohnbruecke/internal/domain"

// certText is the certificate's wording in one language (German always first).
type certText struct {
	Lang, Dir                    string
	Title, Confirms, Valid, Scan string
}

// certWording is the text of the printed certificate per language.
var certWording = map[domain.Language]certText{
	domain.LanguageDE: {"de", "ltr", "Integrationszertifikat Wohnen (Mietführerschein)", "hat den Kurs besucht und die Prüfung vor der Prüfungskommission bestanden.", "Gültig bis", "Echtheit prüfen: QR-Code scannen oder die Adresse aufrufen."},
	domain.LanguageEN: {"en", "ltr", "Housing Integration Certificate (tenant's licence)", "attended the course and passed the exam before the panel.", "Valid until", "Check authenticity: scan the QR code or open the address."},
	domain.LanguageRO: {"ro", "ltr", "Certificat de integrare locuință (permis de chiriaș)", "a participat la curs și a promovat examenul în fața comisiei.", "Valabil până la", "Verificați autenticitatea: scanați codul QR sau deschideți adresa."},
	domain.LanguageBG: {"bg", "ltr", "Сертификат за интеграция „Жилище“ (книжка на наемателя)", "посещава курса и издържа изпита пред комисията.", "Валиден до", "Проверка на автентичността: сканирайте QR кода или отворете адреса."},
	domain.LanguageTR: {"tr", "ltr", "Konut Uyum Sertifikası (kiracı ehliyeti)", "kursa katıldı ve sınavı komisyon önünde geçti.", "Geçerlilik tarihi", "Doğruluğunu kontrol edin: QR kodunu tarayın veya adresi açın."},
	domain.LanguageAR: {"ar", "rtl", "شهادة الاندماج في السكن (رخصة المستأجر)", "حضر الدورة واجتاز الامتحان أمام اللجنة.", "صالحة حتى", "للتحقق من صحتها: امسح رمز QR أو افتح العنوان."},
	domain.LanguageUK: {"uk", "ltr", "Сертифікат інтеграції «Житло» (посвідчення орендаря)", "відвідав(ла) курс і склав(ла) іспит перед комісією.", "Дійсний до", "Перевірка справжності: відскануйте QR-код або відкрийте адресу."},
	domain.LanguagePL: {"pl", "ltr", "Certyfikat integracji mieszkaniowej (prawo jazdy najemcy)", "uczestniczył(a) w kursie i zdał(a) egzamin przed komisją.", "Ważny do", "Sprawdź autentyczność: zeskanuj kod QR lub otwórz adres."},
}

// certTexts returns German and, for another language, that language too.
func certTexts(l domain.Language) []certText {
	out := []certText{certWording[domain.LanguageDE]}
	if t, ok := certWording[l]; ok && l != domain.LanguageDE {
		out = append(out, t)
	}
	return out
}
