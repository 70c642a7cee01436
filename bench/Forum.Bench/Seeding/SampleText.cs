using System.Text;

namespace Forum.Bench.Seeding;

/// <summary>
/// Posts and comments that read like the forum's: Vietnamese with all its diacritics, Korean, a
/// little English and odd Unicode, Markdown with headings, lists and emphasis. Made from phrases
/// with a seeded random, so every run writes the same forum.
/// </summary>
public sealed class SampleText(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Topics =
    [
        "gia hạn visa E-9", "thuê nhà ở Ansan", "thẻ ngân hàng KB", "bảo hiểm y tế quốc dân", "học tiếng Hàn TOPIK",
        "đổi bằng lái xe", "chuyển tiền về Việt Nam", "tìm việc ở Gimhae", "mua sim điện thoại", "thủ tục kết hôn",
        "외국인 등록증 재발급", "건강보험 가입", "전세 계약", "한국어 능력 시험", "퇴직금 신청",
        "𝐑𝐄𝐕𝐈𝐄𝐖 quán phở ở Itaewon", "chợ Việt ở Daerim-dong", "đi tàu KTX Seoul–Busan",
    ];

    private static readonly string[] Openers =
    [
        "Cho mình hỏi về", "Kinh nghiệm", "Chia sẻ chuyện", "Mọi người ơi, giúp mình vụ", "Hỏi nhanh:",
        "질문 있습니다:", "후기:", "Cập nhật mới nhất về", "Cần tư vấn", "Tổng hợp thông tin",
    ];

    private static readonly string[] Sentences =
    [
        "Mình sang Hàn Quốc được ba năm rồi, làm ở nhà máy linh kiện điện tử gần ga Ansan.",
        "Thủ tục khá đơn giản nếu chuẩn bị đủ giấy tờ: hộ chiếu, thẻ người nước ngoài và hợp đồng lao động.",
        "Ở văn phòng xuất nhập cảnh người rất đông, nên đặt lịch hẹn trên mạng trước ít nhất hai tuần.",
        "Tiền thuê phòng một người ở khu này khoảng 400 nghìn won mỗi tháng, đặt cọc 5 triệu won.",
        "Nhân viên ngân hàng có nói được tiếng Anh, nhưng nói tiếng Hàn thì nhanh hơn nhiều.",
        "Nếu ai cần, mình có thể gửi mẫu đơn đã điền sẵn bằng tiếng Việt để tham khảo.",
        "Đừng quên mang theo ảnh thẻ 3.5×4.5 cm nền trắng, chụp trong vòng sáu tháng.",
        "Mùa đông ở đây lạnh lắm, nhớ mua áo phao và kiểm tra hệ thống sưởi ondol trước khi ký hợp đồng.",
        "외국인 등록증은 입국 후 90일 이내에 신청해야 합니다.",
        "출입국관리사무소 예약은 하이코리아 홈페이지에서 할 수 있어요.",
        "월세는 보통 매달 25일에 내고, 관리비는 따로 나옵니다.",
        "한국어를 조금만 배워도 생활이 훨씬 편해집니다. 화이팅!",
        "Cảm ơn cả nhà đã đọc, chúc mọi người một tuần làm việc vui vẻ và bình an.",
        "Giá một tô phở ở đây là 11.000 won, nước dùng đậm đà, bánh phở mềm, rau thơm đầy đủ.",
        "Ai biết chỗ nào sửa điện thoại uy tín ở Suwon thì chỉ mình với nhé.",
        "Lương cơ bản năm nay tăng lên 10.030 won một giờ, làm thêm giờ được tính 1,5 lần.",
    ];

    private static readonly string[] Replies =
    [
        "Cảm ơn bạn đã chia sẻ, thông tin rất hữu ích!",
        "Mình cũng đang làm thủ tục này, hẹn gặp ở văn phòng xuất nhập cảnh nhé 😄",
        "Bạn ơi cho mình xin số điện thoại của chủ nhà với.",
        "좋은 정보 감사합니다!",
        "저도 같은 문제가 있었는데, 이렇게 해결했어요: 먼저 구청에 가서 서류를 받으세요.",
        "Theo mình biết thì từ tháng sau quy định mới sẽ có hiệu lực, bạn kiểm tra lại trên hikorea nhé.",
        "Chỗ đó đông lắm, nên đi sớm trước 9 giờ sáng.",
        "Mình đã thử rồi, mất khoảng hai tuần mới nhận được thẻ mới.",
        "**Lưu ý**: phải mang theo bản gốc hợp đồng, bản sao không được chấp nhận.",
        "ㅋㅋㅋ 맞아요, 겨울에 난방비가 정말 많이 나와요.",
        "Tuyệt vời, cuối tuần này mình sẽ ghé thử quán đó.",
        "Hỏi thêm: người có visa D-2 có làm được thủ tục này không ạ?",
    ];

    private static readonly string[] Names =
    [
        "nguyễn_văn_minh", "trần_thị_hoa", "lê_quang_huy", "phạm_thu_trang", "hoàng_đức_anh", "vũ_ngọc_lan",
        "đặng_bảo_châu", "bùi_tiến_dũng", "김민준", "이서연", "박지훈", "최유진", "정하은", "강도윤",
        "ngô_thanh_tâm", "dương_khánh_linh", "lý_minh_khoa", "hồ_phương_thảo", "trịnh_công_sơn", "mai_anh_tuấn",
    ];

    public static IReadOnlyList<string> AuthorNames => Names;

    public string Title() => $"{Pick(Openers)} {Pick(Topics)} ({_random.Next(1, 999)})";

    public string PostBody()
    {
        var body = new StringBuilder();
        body.Append("## ").AppendLine(Pick(Topics)).AppendLine();
        for (var paragraph = 0; paragraph < _random.Next(2, 4); paragraph++)
        {
            for (var sentence = 0; sentence < _random.Next(2, 4); sentence++)
            {
                body.Append(Pick(Sentences)).Append(' ');
            }
            body.AppendLine().AppendLine();
        }
        body.AppendLine("Những điều cần nhớ:").AppendLine();
        for (var item = 0; item < _random.Next(2, 5); item++)
        {
            body.Append("- **").Append(Pick(Topics)).Append("**: ").AppendLine(Pick(Sentences));
        }
        return body.ToString();
    }

    public string Comment() => _random.Next(3) == 0 ? $"{Pick(Replies)} {Pick(Sentences)}" : Pick(Replies);

    private string Pick(string[] items) => items[_random.Next(items.Length)];
}
